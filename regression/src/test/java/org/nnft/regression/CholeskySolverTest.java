package org.nnft.regression;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CholeskySolverTest {

    @Test
    void threeByThreeSolveMatchesCommonsMath() {
        double[][] a = {{4, 1, 0.5}, {1, 3, 0.2}, {0.5, 0.2, 2}};
        double[][] b = {{1, 0}, {2, 1}, {3, -1}};
        double[] flat = {4, 1, 0.5, 1, 3, 0.2, 0.5, 0.2, 2};
        CholeskySolver solver = new CholeskySolver(flat, 3, 0.1);
        double[] x = solver.solve(new double[] {1, 0, 2, 1, 3, -1}, 2);
        RealMatrix shifted = new Array2DRowRealMatrix(a).add(new Array2DRowRealMatrix(new double[][] {
                {0.1, 0, 0}, {0, 0.1, 0}, {0, 0, 0.1}}));
        CholeskyDecomposition exact = new CholeskyDecomposition(shifted);
        RealMatrix expected = exact.getSolver().solve(new Array2DRowRealMatrix(b));
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(expected.getEntry(i, j), x[i * 2 + j], 1e-13);
            }
        }
        assertEquals(Math.log(exact.getDeterminant()), solver.logDeterminant(), 1e-13);
        double[] half = solver.halfSolve(new double[] {1, 2, 3}, 1);
        double quadratic = half[0] * half[0] + half[1] * half[1] + half[2] * half[2];
        RealMatrix col = new Array2DRowRealMatrix(new double[][] {{1}, {2}, {3}});
        assertEquals(col.transpose().multiply(exact.getSolver().solve(col)).getEntry(0, 0), quadratic, 1e-13);
    }

    @Test
    void indefiniteMatrixIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new CholeskySolver(new double[] {1, 2, 2, 1}, 2, 0));
    }
}
