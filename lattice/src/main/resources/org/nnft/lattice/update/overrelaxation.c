/* Checkerboard overrelaxation; line-by-line twin of OverrelaxationKernel.run (Java). */
KERNEL void lattice_overrelaxation(GLOBAL double* field, GLOBAL double* accepted, GLOBAL const int* sites,
                                   GLOBAL const int* nbr, GLOBAL const double* hop, GLOBAL const double* qa,
                                   GLOBAL const double* qb, int n, int coord, i64 seed, i64 stream,
                                   GLOBAL const double* lin) {
    u32 w[4];
    i64 gid = GID;
    if (gid >= n) return;
    int i = (int) gid;
    int x = sites[i];
    double ax = qa[x];
    double acc = 0.0;
    if (ax != 0.0) {
        double j = lattice_local_field(field, nbr, hop, x, coord) + lin[x];
        double p = field[x];
        double q = j / ax - p;
        double p2 = p * p;
        double q2 = q * q;
        double ds = qb[x] * (q2 * q2 - p2 * p2);
        rs_block(seed, stream, lattice_metropolis_block(x, 1), w);
        if (ds <= 0.0 || rs_open_unit(w[lattice_metropolis_word(x) + 1]) < exp(-ds)) {
            field[x] = q;
            acc = 1.0;
        }
    }
    accepted[i] = acc;
}
