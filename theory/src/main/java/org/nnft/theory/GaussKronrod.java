package org.nnft.theory;

import java.util.function.DoubleUnaryOperator;

/**
 * Adaptive 7-point Gauss / 15-point Kronrod quadrature on a finite interval: bisects until
 * |K15 - G7| &lt;= max(absoluteTolerance, relativeTolerance |K15|) on every subinterval.
 */
final class GaussKronrod {

    private static final double[] XK = {
        0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
        0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
        0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
        0.207784955007898467600689403773245, 0.000000000000000000000000000000000};
    private static final double[] WK = {
        0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
        0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
        0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
        0.204432940075298892414161999234649, 0.209482141084727828012999174891714};
    private static final double[] WG = {
        0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
        0.381830050505118944950369775488975, 0.417959183673469387755102040816327};
    private static final int MAX_DEPTH = 40;

    private GaussKronrod() {
    }

    static double integrate(DoubleUnaryOperator f, double a, double b, double absoluteTolerance,
            double relativeTolerance) {
        return adapt(f, a, b, absoluteTolerance, relativeTolerance, 0);
    }

    private static double adapt(DoubleUnaryOperator f, double a, double b, double absTol, double relTol, int depth) {
        double centre = 0.5 * (a + b), half = 0.5 * (b - a);
        double fc = f.applyAsDouble(centre);
        double kronrod = WK[7] * fc, gauss = WG[3] * fc;
        for (int j = 0; j < 7; j++) {
            double dx = half * XK[j];
            double pair = f.applyAsDouble(centre - dx) + f.applyAsDouble(centre + dx);
            kronrod += WK[j] * pair;
            if (j % 2 == 1) {
                gauss += WG[j / 2] * pair;
            }
        }
        kronrod *= half;
        gauss *= half;
        if (depth >= MAX_DEPTH || Math.abs(kronrod - gauss) <= Math.max(absTol, relTol * Math.abs(kronrod))) {
            return kronrod;
        }
        return adapt(f, a, centre, 0.5 * absTol, relTol, depth + 1)
                + adapt(f, centre, b, 0.5 * absTol, relTol, depth + 1);
    }
}
