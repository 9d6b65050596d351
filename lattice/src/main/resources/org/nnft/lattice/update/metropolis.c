/* Philox block of hit 0 at site x; twin of MetropolisKernel.firstBlock (Java). */
DEVICE i64 lattice_metropolis_block(int x, int hits) {
    int pair = x >> 1;
    return (i64) (pair / 32) * hits * 16 + pair % 16;
}

/* Index (0 or 2) of the first of site x's two words in its block; twin of MetropolisKernel.firstWord (Java). */
DEVICE int lattice_metropolis_word(int x) {
    return (x >> 1) % 32 / 16 * 2;
}

/* Multi-hit Metropolis at one site; twin of MetropolisKernel.hits (Java). Returns the new field value and
   adds the accepted hits to *acc. */
DEVICE double lattice_metropolis_hits(double p, double j, double ax, double bx, i64 seed, i64 stream, int x,
                                      int hits, double delta, double* acc) {
    u32 w[4];
    double p2 = p * p;
    double sOld = ax * p2 + bx * p2 * p2 - j * p;
    i64 block = lattice_metropolis_block(x, hits);
    int word = lattice_metropolis_word(x);
    for (int h = 0; h < hits; h++) {
        rs_block(seed, stream, block + (i64) 16 * h, w);
        double q = p + delta * (2.0 * rs_open_unit(w[word]) - 1.0);
        double q2 = q * q;
        double sNew = ax * q2 + bx * q2 * q2 - j * q;
        double ds = sNew - sOld;
        if (ds <= 0.0 || rs_open_unit(w[word + 1]) < exp(-ds)) {
            p = q;
            sOld = sNew;
            *acc += 1.0;
        }
    }
    return p;
}

/* Multi-hit checkerboard Metropolis; line-by-line twin of MetropolisKernel.run (Java). */
KERNEL void lattice_metropolis(GLOBAL double* field, GLOBAL double* accepted, GLOBAL const int* sites,
                               GLOBAL const int* nbr, GLOBAL const double* hop, GLOBAL const double* qa,
                               GLOBAL const double* qb, int n, int coord, i64 seed, i64 stream,
                               double delta, int hits, GLOBAL const double* lin) {
    i64 gid = GID;
    if (gid >= n) return;
    int i = (int) gid;
    int x = sites[i];
    double j = lattice_local_field(field, nbr, hop, x, coord) + lin[x];
    double acc = 0.0;
    field[x] = lattice_metropolis_hits(field[x], j, qa[x], qb[x], seed, stream, x, hits, delta, &acc);
    accepted[i] = acc;
}
