/* Shared size of the fused empirical-NTK kernels (EmpiricalNtkKernel.MAX_POINTS): most points per run. */
#define NTK_MAX_POINTS 16
