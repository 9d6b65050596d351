package org.nnft.gpu.cuda;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PtxResourcesTest {
    @Test
    void pathsAreNamedByKernelAndSourceHash() {
        // sha256("/* precompiled */") starts with dfcc874b47c5b501
        assertEquals("dfcc874b47c5b501", PtxResources.hash("/* precompiled */"));
        assertEquals("/org/nnft/gpu/cuda/ptx/fake_affine-dfcc874b47c5b501.ptx",
                PtxResources.path("fake_affine", "/* precompiled */"));
        assertNotEquals(PtxResources.hash("a"), PtxResources.hash("b"));
        assertEquals(16, PtxResources.hash("").length());
    }

    @Test
    void findsPresentResourcesOnly() {
        assertTrue(PtxResources.find("fake_affine", "/* precompiled */").orElseThrow().contains(".entry fake_affine("));
        assertTrue(PtxResources.find("fake_affine", "/* precompiled, edited */").isEmpty());
        assertTrue(PtxResources.find("other_kernel", "/* precompiled */").isEmpty());
    }
}
