/* Parameter-space Metropolis for the deformed cos-net (docs/physics.md A.3 (ii)). Java twin: McmcKernel#run.
   One chain per work item; its state lives in state[chain * stride ..], stride = 6 N + 2 nodes + P:
   the N neurons {amplitude, c, w_0..w_3}, phi on the grid, a delta scratch on the grid, phi at the P points.
   Philox stream DEF_MCMC_TAG | (firstChain + chain): work item chain runs the run's chain firstChain + chain, so
   a shard of the chains draws exactly what the one-process run draws for them. Sweep 0 (firstSweep == 0) draws the initial network: neuron i at
   block 3 i. Sweep s >= 1 proposes, for i = 0..N-1 in order, a fresh neuron from the free density at
   block 3 (s N + i) (and the next block for d >= 2) and accepts it when Delta S_int <= 0 or
   u < exp(-Delta S_int), u from block 3 (s N + i) + 2; Delta S_int costs O(nodes).
   After each of the launch's sweeps j (global sweep firstSweep + 1 + j) the chain writes the row
   out[(chain * sweeps + j) (P + 2) ..]: phi at the P points, S_int, the number of accepted proposals.
   Single precision (prefix deform_f32.c after cosnet_f32.c; kernel deform_mcmc_f32, Java twin the same method):
   proposals are the float neurons of ensemble_cosnet_f32, stored widened to double (exactly); each neuron's term
   on the grid in float (def_add_neuron_f32, as ens_field computes a term), the grid field their double sum (kept
   by increments, which in float would drift over the sweeps), Delta S_int and S_int in double; phi at the points
   is not carried along (phiPoints stays unused) but evaluated after each sweep from the stored neurons in float
   exactly as ens_field does (so it is the float field of the chain's current network). */
#define DEF_MCMC_TAG (((i64) 0x4D43) << 48)
#ifndef DEF_MCMC_KERNEL
#define DEF_MCMC_KERNEL deform_mcmc
#endif

KERNEL void DEF_MCMC_KERNEL(GLOBAL double* state, GLOBAL double* out, GLOBAL const double* points,
                        GLOBAL const double* hyper, GLOBAL const double* deform, int pointCount, int width, int dim,
                        int variant, int n0, int n1, int n2, i64 seed, i64 firstSweep, int sweeps, int chains,
                        i64 firstChain) {
    i64 chain = GID;
    if (chain >= chains) return;
    int nodes = n0 * n1 * n2;
    GLOBAL double* neurons = state + chain * (i64) (width * ENS_NEURON_SIZE + 2 * nodes + pointCount);
    GLOBAL double* phiGrid = neurons + width * ENS_NEURON_SIZE;
    GLOBAL double* delta = phiGrid + nodes;
    GLOBAL double* phiPoints = delta + nodes;
    i64 stream = DEF_MCMC_TAG | (firstChain + chain);
    int interacting = def_interacting(deform);
#ifdef ENS_SINGLE
    ENS_REAL drawn[ENS_NEURON_SIZE];
    ENS_REAL oldF[ENS_NEURON_SIZE];
    double nu[ENS_NEURON_SIZE];
    for (int k = 0; k < ENS_NEURON_SIZE; k++) {
        nu[k] = 0.0;
    }
#else
    double nu[ENS_NEURON_SIZE];
#endif
    double old[ENS_NEURON_SIZE];
    u32 r[4];
    if (firstSweep == 0) {
        for (int g = 0; g < nodes; g++) {
            phiGrid[g] = 0.0;
        }
        for (int p = 0; p < pointCount; p++) {
            phiPoints[p] = 0.0;
        }
        for (int i = 0; i < width; i++) {
#ifdef ENS_SINGLE
            ens_cos_neuron(seed, stream, (i64) 3 * i, hyper, dim, variant, drawn);
            for (int k = 0; k < 2 + dim; k++) {
                nu[k] = (double) drawn[k];
            }
#else
            ens_cos_neuron(seed, stream, (i64) 3 * i, hyper, dim, variant, nu);
#endif
            for (int k = 0; k < ENS_NEURON_SIZE; k++) {
                neurons[i * ENS_NEURON_SIZE + k] = nu[k];
            }
#ifdef ENS_SINGLE
            def_add_neuron_f32(phiGrid, drawn, 1, dim, deform, n0, n1, n2);
#else
            def_add_neuron(phiGrid, nu, 1.0, dim, deform, n0, n1, n2);
            for (int p = 0; p < pointCount; p++) {
                phiPoints[p] = phiPoints[p] + def_neuron_at(nu, points, p, dim);
            }
#endif
        }
    }
    for (int j = 0; j < sweeps; j++) {
        i64 s = firstSweep + 1 + j;
        double accepted = 0.0;
        for (int i = 0; i < width; i++) {
            i64 b = 3 * (s * width + i);
#ifdef ENS_SINGLE
            ens_cos_neuron(seed, stream, b, hyper, dim, variant, drawn);
            for (int k = 0; k < 2 + dim; k++) {
                nu[k] = (double) drawn[k];
            }
#else
            ens_cos_neuron(seed, stream, b, hyper, dim, variant, nu);
#endif
            for (int k = 0; k < ENS_NEURON_SIZE; k++) {
                old[k] = neurons[i * ENS_NEURON_SIZE + k];
            }
            double ds = 0.0;
            if (interacting) {
                for (int g = 0; g < nodes; g++) {
                    delta[g] = 0.0;
                }
#ifdef ENS_SINGLE
                for (int k = 0; k < ENS_NEURON_SIZE; k++) {
                    oldF[k] = (float) old[k];
                }
                def_add_neuron_f32(delta, drawn, 1, dim, deform, n0, n1, n2);
                def_add_neuron_f32(delta, oldF, -1, dim, deform, n0, n1, n2);
#else
                def_add_neuron(delta, nu, 1.0, dim, deform, n0, n1, n2);
                def_add_neuron(delta, old, -1.0, dim, deform, n0, n1, n2);
#endif
                ds = def_action_change(phiGrid, delta, nodes, deform);
            }
            rs_block(seed, stream, b + 2, r);
            if (ds <= 0.0 || rs_uniform_double(r[0], r[1]) < exp(-ds)) {
                for (int k = 0; k < ENS_NEURON_SIZE; k++) {
                    neurons[i * ENS_NEURON_SIZE + k] = nu[k];
                }
                if (interacting) {
                    for (int g = 0; g < nodes; g++) {
                        phiGrid[g] = phiGrid[g] + delta[g];
                    }
                }
#ifndef ENS_SINGLE
                for (int p = 0; p < pointCount; p++) {
                    phiPoints[p] = phiPoints[p] + (def_neuron_at(nu, points, p, dim) - def_neuron_at(old, points, p, dim));
                }
#endif
                accepted = accepted + 1.0;
            }
        }
        GLOBAL double* row = out + (chain * (i64) sweeps + j) * (i64) (pointCount + 2);
#ifdef ENS_SINGLE
        for (int p = 0; p < pointCount; p++) {
            float acc = 0;
            for (int i = 0; i < width; i++) {
                GLOBAL const double* n = neurons + i * ENS_NEURON_SIZE;
                float arg = (float) n[1];
                for (int k = 0; k < dim; k++) {
                    arg = ENS_MADD((float) n[2 + k], (float) points[p * dim + k], arg);
                }
                acc = ENS_MADD((float) n[0], ENS_COS(arg), acc);
            }
            row[p] = (double) acc;
        }
#else
        for (int p = 0; p < pointCount; p++) {
            row[p] = phiPoints[p];
        }
#endif
        row[pointCount] = interacting ? def_action(phiGrid, nodes, deform) : 0.0;
        row[pointCount + 1] = accepted;
    }
}
