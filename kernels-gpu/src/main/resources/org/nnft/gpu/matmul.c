/*
 * Tiled matrix multiply (Backend.matmul, and syrk as A^T A). The host defines REAL (float or
 * double), MATMUL_NAME and MATMUL_TILE. Row-major C (m x n) = alpha op(A) op(B) + beta C; transA: A stored
 * k x m, transB: B stored n x k. One work-group of MATMUL_TILE^2 items computes one tile of C;
 * group g of a launch is tile row tileRow0 + g / tilesN, tile column g % tilesN. Products are
 * accumulated in REAL in order p = 0 .. k-1. When beta == 0, C is not read.
 */
KERNEL void MATMUL_NAME(i32 m, i32 n, i32 k, i32 transA, i32 transB, REAL alpha,
                        GLOBAL const REAL* a, GLOBAL const REAL* b, REAL beta, GLOBAL REAL* c,
                        i32 tileRow0)
{
    LOCAL REAL ta[MATMUL_TILE][MATMUL_TILE];
    LOCAL REAL tb[MATMUL_TILE][MATMUL_TILE];
    int tilesN = (n + MATMUL_TILE - 1) / MATMUL_TILE;
    int g = GROUP_ID;
    int ly = LID / MATMUL_TILE;
    int lx = LID % MATMUL_TILE;
    int row = (tileRow0 + g / tilesN) * MATMUL_TILE + ly;
    int col = (g % tilesN) * MATMUL_TILE + lx;
    REAL acc = (REAL) 0;
    for (int p0 = 0; p0 < k; p0 += MATMUL_TILE) {
        int pa = p0 + lx;
        REAL va = (REAL) 0;
        if (row < m && pa < k) {
            va = transA ? a[(i64) pa * m + row] : a[(i64) row * k + pa];
        }
        ta[ly][lx] = va;
        int pb = p0 + ly;
        REAL vb = (REAL) 0;
        if (pb < k && col < n) {
            vb = transB ? b[(i64) col * k + pb] : b[(i64) pb * n + col];
        }
        tb[ly][lx] = vb;
        BARRIER();
        int steps = k - p0 < MATMUL_TILE ? k - p0 : MATMUL_TILE;
        for (int q = 0; q < steps; q++) {
            acc = acc + ta[ly][q] * tb[q][lx];
        }
        BARRIER();
    }
    if (row < m && col < n) {
        i64 ic = (i64) row * n + col;
        REAL prev = beta == (REAL) 0 ? (REAL) 0 : beta * c[ic];
        c[ic] = alpha * acc + prev;
    }
}
