/* The checkerboard kernels' precision: this file comes first in every local-update kernel's source, and the prefix
   lattice_f32.c, placed before it, compiles the same sources in single precision. Double by default: LAT_REAL the
   field's and the site computation's type, LAT_C(x) a literal of that type, LAT_OPEN_UNIT(w) the uniform of one
   Philox word, LAT_UNIFORM2(w0, w1) the heat bath's accept variate, LAT_NORMAL(w0, w1) its standard normal, and
   the entry points' names. */
#ifndef LAT_REAL
#define LAT_REAL double
#define LAT_C(x) x
#define LAT_OPEN_UNIT(w) rs_open_unit(w)
#define LAT_UNIFORM2(w0, w1) rs_uniform_double(w0, w1)
#define LAT_NORMAL(w0, w1) rs_box_muller(w0, w1, 0)
#define LAT_METROPOLIS_KERNEL lattice_metropolis
#define LAT_HYPERCUBIC_KERNEL lattice_metropolis_hypercubic
#define LAT_HEATBATH_KERNEL lattice_heatbath
#define LAT_OVERRELAXATION_KERNEL lattice_overrelaxation
#endif

/* Local field J_x of the checkerboard kernels (hopping weights rounded to LAT_REAL); twin of LocalField.at (Java),
   in single of LocalField.atSingle, same summation order. */
DEVICE LAT_REAL lattice_local_field(GLOBAL const LAT_REAL* field, GLOBAL const int* nbr, GLOBAL const double* hop,
                                    int x, int coord) {
    int k0 = x * coord;
    LAT_REAL j = LAT_C(0.0);
    for (int k = 0; k < coord; k++) {
        j += (LAT_REAL) hop[k0 + k] * field[nbr[k0 + k]];
    }
    return j;
}
