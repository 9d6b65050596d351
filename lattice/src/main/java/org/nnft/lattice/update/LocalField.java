package org.nnft.lattice.update;

/**
 * The local field J_x = sum_k hop[x coord + k] field[nbr[x coord + k]] of the checkerboard kernels
 * (docs/physics.md B.2), on the flat neighbour and hopping tables of {@link DeviceCouplings} (nearest neighbours and,
 * when present, diagonal neighbours; coord = {@code Couplings.coordination()}). The kernels add the linear
 * term h_x to it. Its C twin {@code lattice_local_field} in {@link #SOURCE} comes first in every local-update
 * kernel's source.
 */
final class LocalField {
    /** The C twin's file, beside the kernels' own files. */
    static final String SOURCE = "local_field.c";

    private LocalField() {
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
}
