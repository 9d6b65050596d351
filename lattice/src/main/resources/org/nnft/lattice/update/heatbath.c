/* Checkerboard heat bath (a > 0); line-by-line twin of HeatBathKernel.run (Java), in single (prefix lattice_f32.c)
   of HeatBathKernel.runSingle. */
KERNEL void LAT_HEATBATH_KERNEL(GLOBAL LAT_REAL* field, GLOBAL double* accepted, GLOBAL const int* sites,
                                GLOBAL const int* nbr, GLOBAL const double* hop, GLOBAL const double* qa,
                                GLOBAL const double* qb, int n, int coord, i64 seed, i64 stream, int tries,
                                GLOBAL const double* lin) {
    u32 w[4];
    i64 gid = GID;
    if (gid >= n) return;
    int i = (int) gid;
    int x = sites[i];
    LAT_REAL j = lattice_local_field(field, nbr, hop, x, coord) + (LAT_REAL) lin[x];
    LAT_REAL ax = (LAT_REAL) qa[x];
    LAT_REAL bx = (LAT_REAL) qb[x];
    LAT_REAL mean = j / (LAT_C(2.0) * ax);
    LAT_REAL sigma = sqrt(LAT_C(1.0) / (LAT_C(2.0) * ax));
    double acc = 0.0;
    for (int t = 0; t < tries; t++) {
        rs_block(seed, stream, (i64) x * tries + t, w);
        LAT_REAL q = mean + sigma * LAT_NORMAL(w[0], w[1]);
        LAT_REAL q2 = q * q;
        if (LAT_UNIFORM2(w[2], w[3]) < exp(-bx * q2 * q2)) {
            field[x] = q;
            acc = 1.0;
            break;
        }
    }
    accepted[i] = acc;
}
