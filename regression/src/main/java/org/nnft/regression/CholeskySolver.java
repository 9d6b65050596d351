package org.nnft.regression;

import org.bytedeco.javacpp.DoublePointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.bytedeco.openblas.global.openblas.CblasLeft;
import static org.bytedeco.openblas.global.openblas.CblasLower;
import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasNonUnit;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dpotrf;
import static org.bytedeco.openblas.global.openblas.LAPACK_ROW_MAJOR;
import static org.bytedeco.openblas.global.openblas.cblas_dtrsm;

/**
 * Dense Cholesky solves A X = B for a symmetric positive-definite n x n matrix A in double precision.
 * The matrices live in ND4J arrays (off-heap, row-major); A = L L^T is factorised once by LAPACK dpotrf
 * and every solve is two triangular solves (BLAS dtrsm), O(n^2) per right-hand side, both called on the
 * OpenBLAS that ND4J loads (its JavaCPP binding). ND4J's own wrappers were measured slower here:
 * {@code lapack().potrf} about 2x (it zeroes the upper triangle element-wise) and the
 * {@code linalg().triangularSolve} op several hundred times (docs/ntk.md). Memory: 8 n^2 bytes off-heap
 * (800 MB at n = 10^4) besides the caller's copy.
 */
public final class CholeskySolver {

    private final int n;
    private final INDArray lower;

    /**
     * Factorises A + jitter I.
     *
     * @param matrix row-major entries of the symmetric n x n matrix A (length n^2; only read)
     * @param n      order n &gt;= 1
     * @param jitter non-negative diagonal shift (noise variance or numerical regulariser)
     * @throws IllegalArgumentException if A + jitter I is not numerically positive definite
     */
    public CholeskySolver(double[] matrix, int n, double jitter) {
        if (n < 1 || matrix == null || matrix.length != (long) n * n) {
            throw new IllegalArgumentException("matrix must hold n^2 entries for n >= 1");
        }
        if (!(jitter >= 0) || Double.isInfinite(jitter)) {
            throw new IllegalArgumentException("jitter must be finite and >= 0, got " + jitter);
        }
        Nd4jSetup.ensureDouble();
        this.n = n;
        INDArray a = Nd4j.create(matrix, new long[] {n, n}, DataType.DOUBLE);
        if (jitter > 0) {
            for (int i = 0; i < n; i++) {
                a.putScalar(i, i, a.getDouble(i, i) + jitter);
            }
        }
        int info = LAPACKE_dpotrf(LAPACK_ROW_MAJOR, (byte) 'L', n, pointer(a), n);
        if (info != 0) {
            throw new IllegalArgumentException("kernel matrix is not positive definite (Cholesky failed at order "
                    + info + "); add noise or jitter");
        }
        this.lower = a;
    }

    /** Order n of the matrix. */
    public int size() {
        return n;
    }

    /** X = A^-1 B for B given as n x m row-major entries; returns X the same way. */
    public double[] solve(double[] rhs, int columns) {
        INDArray x = forwardSubstitution(rhs, columns);
        cblas_dtrsm(CblasRowMajor, CblasLeft, CblasLower, CblasTrans, CblasNonUnit, n, columns, 1.0,
                pointer(lower), n, pointer(x), columns);
        return x.data().asDouble();
    }

    /** X = L^-1 B for B given as n x m row-major entries (so that B^T A^-1 B = X^T X). */
    public double[] halfSolve(double[] rhs, int columns) {
        return forwardSubstitution(rhs, columns).data().asDouble();
    }

    /** log det A = 2 sum log L_ii. */
    public double logDeterminant() {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.log(lower.getDouble(i, i));
        }
        return 2 * sum;
    }

    private INDArray forwardSubstitution(double[] rhs, int columns) {
        if (columns < 1 || rhs == null || rhs.length != (long) n * columns) {
            throw new IllegalArgumentException("right-hand side must hold n x columns entries");
        }
        INDArray x = Nd4j.create(rhs.clone(), new long[] {n, columns}, DataType.DOUBLE);
        cblas_dtrsm(CblasRowMajor, CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit, n, columns, 1.0,
                pointer(lower), n, pointer(x), columns);
        return x;
    }

    private static DoublePointer pointer(INDArray a) {
        return (DoublePointer) a.data().addressPointer();
    }
}
