package org.nnft.spark;

import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A task's backend: the GPU the cluster assigned it where it has one, the CPU with the task's threads otherwise. */
class TaskBackendsTest {
    @Test
    void autoPicksTheTasksGpuOrTheCpu() {
        String gpu = TaskBackends.gpuAddress(Map.of("gpu", new ResourceInformation("gpu", new String[]{"3", "4"})));
        assertEquals("3", gpu);
        assertNull(TaskBackends.gpuAddress(Map.of()));
        assertEquals("cuda", TaskBackends.choose("auto", "cuda", gpu));
        assertEquals("cpu", TaskBackends.choose("auto", "cuda", null));
        assertEquals("opencl", TaskBackends.choose("OpenCL", "cuda", null));
        assertEquals("3", TaskBackends.options("auto", "cuda", gpu, 2).get("device"));
        assertEquals("2", TaskBackends.options("auto", "cuda", null, 2).get("threads"));
        assertNull(TaskBackends.options("cpu", "cuda", null, 0).get("threads"));
    }
}
