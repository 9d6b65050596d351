/* Checkerboard heat bath (a > 0); line-by-line twin of HeatBathKernel.run (Java). */
KERNEL void lattice_heatbath(GLOBAL double* field, GLOBAL double* accepted, GLOBAL const int* sites,
                             GLOBAL const int* nbr, GLOBAL const double* hop, GLOBAL const double* qa,
                             GLOBAL const double* qb, int n, int coord, i64 seed, i64 stream, int tries,
                             GLOBAL const double* lin) {
    u32 w[4];
    i64 gid = GID;
    if (gid >= n) return;
    int i = (int) gid;
    int x = sites[i];
    double j = lattice_local_field(field, nbr, hop, x, coord) + lin[x];
    double ax = qa[x];
    double bx = qb[x];
    double mean = j / (2.0 * ax);
    double sigma = sqrt(1.0 / (2.0 * ax));
    double acc = 0.0;
    for (int t = 0; t < tries; t++) {
        rs_block(seed, stream, (i64) x * tries + t, w);
        double q = mean + sigma * rs_box_muller(w[0], w[1], 0);
        double q2 = q * q;
        if (rs_uniform_double(w[2], w[3]) < exp(-bx * q2 * q2)) {
            field[x] = q;
            acc = 1.0;
            break;
        }
    }
    accepted[i] = acc;
}
