/* Conformance test kernel: y[i] = a * x[i] + u_i, u_i = uniform float i of stream 7 under seed.
   Java twin: BackendConformance.AXPY. */
KERNEL void conformance_axpy(GLOBAL float* y, GLOBAL const float* x, float a, i64 seed, int n) {
    i64 i = GID;
    if (i >= n) return;
    u32 w[4];
    rs_block(seed, 7, i >> 2, w);
    y[i] = a * x[i] + rs_uniform_float(w[i & 3]);
}
