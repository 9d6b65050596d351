/* Prefix (after cosnet_f32.c and cosnet.c) that names the single-precision deformation kernels: the same sources,
   with the float network of ensemble_cosnet_f32 (ENS_SINGLE, ENS_REAL float). */
#define DEF_REWEIGHT_KERNEL deform_reweight_f32
#define DEF_MCMC_KERNEL deform_mcmc_f32
