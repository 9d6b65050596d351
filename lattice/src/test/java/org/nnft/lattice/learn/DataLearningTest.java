package org.nnft.lattice.learn;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.Backends;
import org.nnft.engine.io.NpyFile;
import org.nnft.lattice.action.HomogeneousTheory;
import org.nnft.lattice.geometry.Lattice;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link NpyFile} round trips and refusals; {@link DataLearning} recovers the couplings that made its data. */
class DataLearningTest {
    private static final Lattice LATTICE = new Lattice(2, 4);

    @Test
    void npyRoundTripAndFloat32() {
        double[] v = {1.5, -2.25, 3e-7, 0, 4, 5};
        byte[] bytes = NpyFile.encode(new int[]{1, 2, 3}, v);
        assertEquals(0, (bytes.length - 8 * v.length) % 64, "data start at a multiple of 64");
        NpyFile.Array a = NpyFile.decode(bytes, "x");
        assertArrayEquals(new int[]{1, 2, 3}, a.shape());
        assertArrayEquals(v, a.values());
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }";
        header += " ".repeat(64 - (10 + header.length() + 1) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1)).putFloat(0.5f).putFloat(-3f);
        NpyFile.Array f = NpyFile.decode(b.array(), "f");
        assertArrayEquals(new double[]{0.5, -3}, f.values());
        byte[] bad = bytes.clone();
        bad[1] = 'X';
        assertThrows(IllegalArgumentException.class, () -> NpyFile.decode(bad, "bad"));
        assertThrows(IllegalArgumentException.class, () -> NpyFile.decode(Arrays.copyOf(bytes,
                bytes.length - 8), "short"));
        byte[] ints = new String(bytes, StandardCharsets.ISO_8859_1).replace("<f8", "<i8")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThrows(IllegalArgumentException.class, () -> NpyFile.decode(ints, "ints"));
    }

    /**
     * 4000 configurations of the seed's A on 4 x 4 (every 4 sweeps): 30 natural-gradient maximum-likelihood steps
     * from the decoupled start give site-averaged couplings within 0.05 of kappa = 1, a = 1.52425, b = 0.175 (the
     * data's own statistical error on 4V = 64 parameters), and new samples reproduce phi2 and m2 of the data within
     * 5 combined sigma.
     */
    @Test
    @Tag("slow")
    void learnsTheCouplingsThatMadeTheData() {
        HomogeneousTheory a = new HomogeneousTheory(1.0, 1.52425, 0.175);
        try (Backend backend = Backends.named("cpu")) {
            double[][] data;
            try (ModelSampler s = new ModelSampler(backend, LATTICE, 40)) {
                data = s.sample(a.couplings(LATTICE), 200, 4000, 4);
            }
            DataLearning.Config c = new DataLearning.Config(LATTICE, data,
                    new TrainingSettings(30, 20, 1600, 2, Optimizer.NATURAL_GRADIENT, 0.5, 1e-8, 0.1), 0.1, 4000, 4,
                    41);
            DataLearning.Result r = DataLearning.run(c, backend, n -> { });
            System.out.printf("from data: w %s%n           a %s%n           b %s%n", r.w(), r.a(), r.b());
            assertEquals(1.0, r.w().mean(), 0.05);
            assertEquals(1.52425, r.a().mean(), 0.05);
            assertEquals(0.175, r.b().mean(), 0.05);
            for (String name : new String[]{"phi2", "m2"}) {
                DataLearning.Comparison m = r.moments().get(name);
                System.out.printf("from data %s: data %s, model %s%n", name, m.data(), m.model());
                assertEquals(m.data().value(), m.model().value(), 5 * Math.hypot(m.data().error(), m.model().error()));
            }
            assertEquals(4000, r.samples().length);
            assertTrue(r.history().size() == 30);
        }
    }
}
