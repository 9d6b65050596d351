/* Importance-reweighted cos-net ensemble (docs/physics.md A.3). Java twin: ReweightKernel#run.
   Work item `item` is block firstBlock + item of the free ensemble (networks as in ensemble_kernel.c,
   drawn by ens_cos_neuron at blocks 2i of stream ENS_STREAM_TAG | net). Per network: the field on the
   grid (scratch grid[item * nodes ..]) gives S_int and log w = -S_int; the field at the points, summed
   over the same neurons in the same order as ens_field (so bit for bit its value), gives the tuple products. Weights are kept relative to the block's running maximum R of
   log w (online log-sum-exp): when a larger log w arrives, the sums are rescaled by exp(R_old - R_new).
   Output slice out[item (T + 4) ..]: T sums of w x product, sum w, sum w^2, network count, R.
   Without interaction w = exp(0) = 1 exactly and the sums are the free kernel's bit for bit.
   Single precision (prefix deform_f32.c after cosnet_f32.c; kernel deform_reweight_f32, Java twin the same method):
   the float network of ensemble_cosnet_f32; its grid field in float (def_add_neuron_f32: the float field at the
   grid's float nodes, neuron sum in float, held widened in the double grid; S_int and log w in double), its field
   at the points by ens_field in float (after the grid pass, redrawing the same neurons), so lambda = 0 gives the
   free single-precision sums bit for bit. */
#ifndef DEF_REWEIGHT_KERNEL
#define DEF_REWEIGHT_KERNEL deform_reweight
#endif
KERNEL void DEF_REWEIGHT_KERNEL(GLOBAL double* out, GLOBAL double* grid, GLOBAL const double* points,
                            GLOBAL const int* tuples, GLOBAL const double* hyper, GLOBAL const double* deform,
                            int pointCount, int tupleCount, int maxOrder, int width, int dim, int variant,
                            int n0, int n1, int n2, i64 seed, i64 firstBlock, int blockSize, i64 networks,
                            int workItems) {
    i64 item = GID;
    if (item >= workItems) return;
    int nodes = n0 * n1 * n2;
    GLOBAL double* sums = out + item * (i64) (tupleCount + 4);
    GLOBAL double* phiGrid = grid + item * (i64) nodes;
    int interacting = def_interacting(deform);
    for (int t = 0; t < tupleCount + 4; t++) {
        sums[t] = 0.0;
    }
    double phi[ENS_MAX_SITES];
    ENS_REAL nu[ENS_NEURON_SIZE];
    double ref = 0.0;
    i64 first = (firstBlock + item) * (i64) blockSize;
    i64 last = first + blockSize;
    if (last > networks) last = networks;
    for (i64 net = first; net < last; net++) {
        i64 stream = ENS_STREAM_TAG | net;
        double logW = 0.0;
        if (interacting) {
            for (int g = 0; g < nodes; g++) {
                phiGrid[g] = 0.0;
            }
#ifdef ENS_SINGLE
            for (int i = 0; i < width; i++) {
                ens_cos_neuron(seed, stream, (i64) i * 2, hyper, dim, variant, nu);
                def_add_neuron_f32(phiGrid, nu, 0, dim, deform, n0, n1, n2);
            }
            ens_field(points, pointCount, hyper, width, dim, 1, variant, seed, stream, phi);
#else
            for (int p = 0; p < pointCount; p++) {
                phi[p] = 0.0;
            }
            for (int i = 0; i < width; i++) {
                ens_cos_neuron(seed, stream, (i64) i * 2, hyper, dim, variant, nu);
                def_add_neuron(phiGrid, nu, 1.0, dim, deform, n0, n1, n2);
                for (int p = 0; p < pointCount; p++) {
                    phi[p] = phi[p] + def_neuron_at(nu, points, p, dim);
                }
            }
#endif
            logW = -def_action(phiGrid, nodes, deform);
        } else {
            ens_field(points, pointCount, hyper, width, dim, 1, variant, seed, stream, phi);
        }
        if (net == first) {
            ref = logW;
        } else if (logW > ref) {
            double s = exp(ref - logW);
            for (int t = 0; t <= tupleCount; t++) {
                sums[t] = sums[t] * s;
            }
            sums[tupleCount + 1] = sums[tupleCount + 1] * (s * s);
            ref = logW;
        }
        double w = exp(logW - ref);
        for (int t = 0; t < tupleCount; t++) {
            GLOBAL const int* tuple = tuples + t * maxOrder;
            double product = phi[tuple[0]];
            for (int j = 1; j < maxOrder && tuple[j] >= 0; j++) {
                product = product * phi[tuple[j]];
            }
            sums[t] = sums[t] + w * product;
        }
        sums[tupleCount] = sums[tupleCount] + w;
        sums[tupleCount + 1] = sums[tupleCount + 1] + w * w;
        sums[tupleCount + 2] = sums[tupleCount + 2] + 1.0;
    }
    sums[tupleCount + 3] = ref;
}
