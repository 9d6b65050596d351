/* Philox block of hit 0 at site x; twin of MetropolisKernel.firstBlock (Java). */
DEVICE i64 lattice_metropolis_block(int x, int hits) {
    int pair = x >> 1;
    return (i64) (pair / 32) * hits * 16 + pair % 16;
}

/* Index (0 or 2) of the first of site x's two words in its block; twin of MetropolisKernel.firstWord (Java). */
DEVICE int lattice_metropolis_word(int x) {
    return (x >> 1) % 32 / 16 * 2;
}

/* Multi-hit Metropolis at one site; twin of MetropolisKernel.hits (Java), in single (prefix lattice_f32.c) of
   SingleMetropolisKernel.hits. Returns the new field value and adds the accepted hits to *acc. */
DEVICE LAT_REAL lattice_metropolis_hits(LAT_REAL p, LAT_REAL j, LAT_REAL ax, LAT_REAL bx, i64 seed, i64 stream,
                                        int x, int hits, LAT_REAL delta, double* acc) {
    u32 w[4];
    LAT_REAL p2 = p * p;
    LAT_REAL sOld = ax * p2 + bx * p2 * p2 - j * p;
    i64 block = lattice_metropolis_block(x, hits);
    int word = lattice_metropolis_word(x);
    for (int h = 0; h < hits; h++) {
        rs_block(seed, stream, block + (i64) 16 * h, w);
        LAT_REAL q = p + delta * (LAT_C(2.0) * LAT_OPEN_UNIT(w[word]) - LAT_C(1.0));
        LAT_REAL q2 = q * q;
        LAT_REAL sNew = ax * q2 + bx * q2 * q2 - j * q;
        LAT_REAL ds = sNew - sOld;
        if (ds <= LAT_C(0.0) || LAT_OPEN_UNIT(w[word + 1]) < exp(-ds)) {
            p = q;
            sOld = sNew;
            *acc += 1.0;
        }
    }
    return p;
}

/* Multi-hit checkerboard Metropolis; line-by-line twin of MetropolisKernel.run (Java), in single of
   MetropolisKernel.runSingle (delta rounded to float). */
KERNEL void LAT_METROPOLIS_KERNEL(GLOBAL LAT_REAL* field, GLOBAL double* accepted, GLOBAL const int* sites,
                                  GLOBAL const int* nbr, GLOBAL const double* hop, GLOBAL const double* qa,
                                  GLOBAL const double* qb, int n, int coord, i64 seed, i64 stream,
                                  double delta, int hits, GLOBAL const double* lin) {
    i64 gid = GID;
    if (gid >= n) return;
    int i = (int) gid;
    int x = sites[i];
    LAT_REAL j = lattice_local_field(field, nbr, hop, x, coord) + (LAT_REAL) lin[x];
    double acc = 0.0;
    field[x] = lattice_metropolis_hits(field[x], j, (LAT_REAL) qa[x], (LAT_REAL) qb[x], seed, stream, x, hits,
                                       (LAT_REAL) delta, &acc);
    accepted[i] = acc;
}
