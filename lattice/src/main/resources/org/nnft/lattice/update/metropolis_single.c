/* Float32 checkerboard Metropolis on a periodic L^d lattice with homogeneous couplings; twin of
   SingleMetropolisKernel.run (Java). Sites, blocks and words as lattice_metropolis_hypercubic. */

/* The float (w >> 9 + 1/2) 2^-23, exact, in (0, 1); twin of SingleMetropolisKernel.openUnit. */
DEVICE float lattice_single_open_unit(u32 w) {
    return ((float) (w >> 9) + 0.5f) * (1.0f / 8388608.0f);
}

/* J_x = kappa sum_k field[neighbour k] in float, in neighbour-table order; twin of SingleMetropolisKernel.localField. */
DEVICE float lattice_single_local_field(GLOBAL const float* field, int x, int size, int dim, float kappa) {
    float j = 0.0f;
    for (int dir = 0; dir < 2; dir++) {
        int stride = 1;
        int rest = x;
        for (int mu = 0; mu < dim; mu++) {
            int c = rest % size;
            rest /= size;
            int y;
            if (dir == 0) {
                y = c == size - 1 ? x - (size - 1) * stride : x + stride;
            } else {
                y = c == 0 ? x + (size - 1) * stride : x - stride;
            }
            j += kappa * field[y];
            stride *= size;
        }
    }
    return j;
}

KERNEL void lattice_metropolis_single(GLOBAL float* field, GLOBAL double* accepted, int n, int size, int dim,
                                      int colour, i64 seed, i64 stream, float kappa, float qa, float qb,
                                      float delta, int hits) {
    i64 gid = GID;
    if (gid >= n) return;
    int i = (int) gid;
    int x = lattice_hc_site(i, size, dim, colour);
    float j = lattice_single_local_field(field, x, size, dim, kappa);
    float p = field[x];
    float p2 = p * p;
    float sOld = qa * p2 + qb * p2 * p2 - j * p;
    i64 block = lattice_metropolis_block(x, hits);
    int word = lattice_metropolis_word(x);
    u32 w[4];
    int acc = 0;
    for (int h = 0; h < hits; h++) {
        rs_block(seed, stream, block + (i64) 16 * h, w);
        float q = p + delta * (2.0f * lattice_single_open_unit(w[word]) - 1.0f);
        float q2 = q * q;
        float sNew = qa * q2 + qb * q2 * q2 - j * q;
        float ds = sNew - sOld;
        if (ds <= 0.0f || lattice_single_open_unit(w[word + 1]) < exp(-ds)) {
            p = q;
            sOld = sNew;
            acc++;
        }
    }
    field[x] = p;
    accepted[i] = (double) acc;
}
