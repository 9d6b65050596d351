package org.nnft.lattice.update;

import org.nnft.engine.Precision;
import org.nnft.engine.kernel.KernelSource;
import org.nnft.engine.random.PortableFloat;

/**
 * The local field J_x = sum_k hop[x coord + k] field[nbr[x coord + k]] of the checkerboard kernels
 * (docs/physics.md B.2), on the flat neighbour and hopping tables of {@link DeviceCouplings} (nearest neighbours and,
 * when present, diagonal neighbours; coord = {@code Couplings.coordination()}). The kernels add the linear
 * term h_x to it. Its C twin {@code lattice_local_field} in {@link #SOURCE} comes first in every local-update
 * kernel's source ({@link #source}); it also sets the sources' precision (double unless the prefix
 * {@value #SINGLE_PREFIX} comes before it).
 */
final class LocalField {
    /** The C twin's file, beside the kernels' own files. */
    static final String SOURCE = "local_field.c";
    /** The prefix that compiles the local-update sources in single precision (float32 field and site update). */
    static final String SINGLE_PREFIX = "lattice_f32.c";

    private LocalField() {
    }

    /**
     * A local-update kernel's source in {@code precision}: {@link #SOURCE} then {@code files} (beside this class); in
     * single precision after {@code random_f32.h} (the float normals) and {@link #SINGLE_PREFIX}.
     */
    static String source(Precision precision, String... files) {
        boolean single = precision == Precision.SINGLE;
        String[] all = new String[files.length + (single ? 2 : 1)];
        int k = 0;
        if (single) {
            all[k++] = SINGLE_PREFIX;
        }
        all[k++] = SOURCE;
        System.arraycopy(files, 0, all, k, files.length);
        String sources = KernelSource.assemble(LocalField.class, all);
        return single ? KernelSource.assemble(PortableFloat.class, "random_f32.h") + sources : sources;
    }

    /** J_x, summed over the neighbours in table order (the C twin sums in the same order). */
    static double at(double[] field, int[] nbr, double[] hop, int x, int coord) {
        int k0 = x * coord;
        double j = 0.0;
        for (int k = 0; k < coord; k++) {
            j += hop[k0 + k] * field[nbr[k0 + k]];
        }
        return j;
    }

    /** {@link #at} in float: each hopping weight rounded to float, products and sums in float, in table order. */
    static float atSingle(float[] field, int[] nbr, double[] hop, int x, int coord) {
        int k0 = x * coord;
        float j = 0.0f;
        for (int k = 0; k < coord; k++) {
            j += (float) hop[k0 + k] * field[nbr[k0 + k]];
        }
        return j;
    }
}
