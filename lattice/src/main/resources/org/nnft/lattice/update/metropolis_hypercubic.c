/* Checkerboard Metropolis on a periodic L^d lattice with homogeneous couplings (kappa, a, b): sites and
   neighbours by index arithmetic instead of tables. Twin of HypercubicMetropolisKernel.run (Java); in single (prefix
   lattice_f32.c: kernel lattice_metropolis_single, float32 field, couplings and delta) of
   SingleMetropolisKernel.run. */

/* Site of work item i of colour c: the i-th site of that colour in increasing order, x = 2i + r. */
DEVICE int lattice_hc_site(int i, int size, int dim, int colour) {
    int rest = (2 * i) / size;
    int s = 0;
    for (int mu = 1; mu < dim; mu++) {
        s += rest % size;
        rest /= size;
    }
    return 2 * i + ((colour + s) & 1);
}

/* J_x = kappa sum_k field[neighbour k of x], in the order of the neighbour table (forward mu, then backward). */
DEVICE LAT_REAL lattice_hc_local_field(GLOBAL const LAT_REAL* field, int x, int size, int dim, LAT_REAL kappa) {
    LAT_REAL j = LAT_C(0.0);
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

KERNEL void LAT_HYPERCUBIC_KERNEL(GLOBAL LAT_REAL* field, GLOBAL double* accepted, int n, int size, int dim,
                                  int colour, i64 seed, i64 stream, LAT_REAL kappa, LAT_REAL qa, LAT_REAL qb,
                                  LAT_REAL delta, int hits) {
    i64 gid = GID;
    if (gid >= n) return;
    int i = (int) gid;
    int x = lattice_hc_site(i, size, dim, colour);
    LAT_REAL j = lattice_hc_local_field(field, x, size, dim, kappa);
    double acc = 0.0;
    field[x] = lattice_metropolis_hits(field[x], j, qa, qb, seed, stream, x, hits, delta, &acc);
    accepted[i] = acc;
}
