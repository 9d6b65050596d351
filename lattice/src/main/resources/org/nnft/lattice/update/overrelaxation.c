/* Checkerboard overrelaxation; line-by-line twin of OverrelaxationKernel.run (Java), in single (prefix
   lattice_f32.c) of OverrelaxationKernel.runSingle. */
KERNEL void LAT_OVERRELAXATION_KERNEL(GLOBAL LAT_REAL* field, GLOBAL double* accepted, GLOBAL const int* sites,
                                      GLOBAL const int* nbr, GLOBAL const double* hop, GLOBAL const double* qa,
                                      GLOBAL const double* qb, int n, int coord, i64 seed, i64 stream,
                                      GLOBAL const double* lin) {
    u32 w[4];
    i64 gid = GID;
    if (gid >= n) return;
    int i = (int) gid;
    int x = sites[i];
    LAT_REAL ax = (LAT_REAL) qa[x];
    double acc = 0.0;
    if (ax != LAT_C(0.0)) {
        LAT_REAL j = lattice_local_field(field, nbr, hop, x, coord) + (LAT_REAL) lin[x];
        LAT_REAL p = field[x];
        LAT_REAL q = j / ax - p;
        LAT_REAL p2 = p * p;
        LAT_REAL q2 = q * q;
        LAT_REAL ds = (LAT_REAL) qb[x] * (q2 * q2 - p2 * p2);
        rs_block(seed, stream, lattice_metropolis_block(x, 1), w);
        if (ds <= LAT_C(0.0) || LAT_OPEN_UNIT(w[lattice_metropolis_word(x) + 1]) < exp(-ds)) {
            field[x] = q;
            acc = 1.0;
        }
    }
    accepted[i] = acc;
}
