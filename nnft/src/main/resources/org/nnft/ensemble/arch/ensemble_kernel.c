/* Entry point of the fused ensemble kernel (appended after an architecture's ens_field).
   Java twin: EnsembleKernel#run. Work item `item` is block firstBlock + item: networks
   [(firstBlock + item) B, min(networks, (firstBlock + item + 1) B)). For each network the
   architecture writes the field at every site to phi, then every tuple's product is added to the
   work item's slice out[item (T + 1) .. item (T + 1) + T]; element T counts the networks.
   Tuple t lists its sites tuples[t * maxOrder + j], padded with -1. */
KERNEL void ENSEMBLE_KERNEL(GLOBAL double* out, GLOBAL const double* points, GLOBAL const int* tuples,
                            GLOBAL const double* hyper, int pointCount, int tupleCount, int maxOrder,
                            int width, int inDim, int outDim, int variant,
                            i64 seed, i64 firstBlock, int blockSize, i64 networks, int workItems) {
    i64 item = GID;
    if (item >= workItems) return;
    GLOBAL double* sums = out + item * (i64) (tupleCount + 1);
    for (int t = 0; t <= tupleCount; t++) {
        sums[t] = 0.0;
    }
    double phi[ENS_MAX_SITES];
    i64 first = (firstBlock + item) * (i64) blockSize;
    i64 last = first + blockSize;
    if (last > networks) last = networks;
    for (i64 net = first; net < last; net++) {
        ens_field(points, pointCount, hyper, width, inDim, outDim, variant, seed, ENS_STREAM_TAG | net, phi);
        ens_add_tuples(sums, tuples, tupleCount, maxOrder, phi);
    }
}
