/* Prefix (before local_field.c, after random_f32.h) that compiles the checkerboard kernels in single precision: a
   float32 field, the site update in float (couplings and delta read in double and rounded to float), the uniforms
   and normals of the double kernels' Philox words turned into floats. Kernels lattice_metropolis_f32,
   lattice_metropolis_single, lattice_heatbath_f32, lattice_overrelaxation_f32; Java twins the kernels' runSingle
   bodies and SingleMetropolisKernel.run. */
#define LAT_REAL float
#define LAT_C(x) x##f
#define LAT_OPEN_UNIT(w) lattice_single_open_unit(w)
#define LAT_UNIFORM2(w0, w1) lattice_single_open_unit(w0)
#define LAT_NORMAL(w0, w1) pf_box_muller(w0, w1, 0)
#define LAT_METROPOLIS_KERNEL lattice_metropolis_f32
#define LAT_HYPERCUBIC_KERNEL lattice_metropolis_single
#define LAT_HEATBATH_KERNEL lattice_heatbath_f32
#define LAT_OVERRELAXATION_KERNEL lattice_overrelaxation_f32

/* The float (w >> 9 + 1/2) 2^-23, exact, in (0, 1); twin of SingleMetropolisKernel.openUnit. */
DEVICE float lattice_single_open_unit(u32 w) {
    return ((float) (w >> 9) + 0.5f) * (1.0f / 8388608.0f);
}
