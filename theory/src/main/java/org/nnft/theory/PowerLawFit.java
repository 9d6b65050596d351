package org.nnft.theory;

/**
 * Least-squares fit of log y = intercept + slope log x (natural logs), e.g. log m_n against log N.
 *
 * <p>With errors sigma_i on y, the points are weighted by 1/sigma_log^2, sigma_log = sigma_i / y_i
 * (linearised error of log y), and the standard errors are the known-error ones, sqrt of the diagonal
 * of (X^T W X)^-1; {@link #chiSquarePerDegree()} tells whether the errors are consistent with the
 * scatter. Without errors the fit is unweighted and the standard errors use the residual variance
 * s^2 = RSS/(n-2) (needs n &gt;= 3).
 */
public record PowerLawFit(double slope, double slopeError, double intercept, double interceptError,
                          double chiSquarePerDegree) {

    /**
     * @param x      abscissae, all &gt; 0 (e.g. widths N)
     * @param y      ordinates, all &gt; 0 (e.g. m_n)
     * @param yError standard errors of y (all &gt; 0), or null for an unweighted fit
     */
    public static PowerLawFit fit(double[] x, double[] y, double[] yError) {
        if (x == null || y == null || x.length != y.length || x.length < 2) {
            throw new IllegalArgumentException("x and y must have equal length >= 2");
        }
        if (yError != null && yError.length != x.length) {
            throw new IllegalArgumentException("yError must have the length of x");
        }
        if (yError == null && x.length < 3) {
            throw new IllegalArgumentException("an unweighted fit needs at least 3 points for its error estimate");
        }
        int n = x.length;
        double[] u = new double[n], v = new double[n], w = new double[n];
        for (int i = 0; i < n; i++) {
            if (!(x[i] > 0) || !(y[i] > 0) || Double.isInfinite(x[i]) || Double.isInfinite(y[i])) {
                throw new IllegalArgumentException("x and y must be positive and finite (index " + i + ")");
            }
            u[i] = Math.log(x[i]);
            v[i] = Math.log(y[i]);
            if (yError != null) {
                if (!(yError[i] > 0) || Double.isInfinite(yError[i])) {
                    throw new IllegalArgumentException("yError must be positive and finite (index " + i + ")");
                }
                double s = yError[i] / y[i];
                w[i] = 1 / (s * s);
            } else {
                w[i] = 1;
            }
        }
        double sw = 0, su = 0, sv = 0;
        for (int i = 0; i < n; i++) {
            sw += w[i];
            su += w[i] * u[i];
            sv += w[i] * v[i];
        }
        double meanU = su / sw, meanV = sv / sw;
        double suu = 0, suv = 0;
        for (int i = 0; i < n; i++) {
            suu += w[i] * (u[i] - meanU) * (u[i] - meanU);
            suv += w[i] * (u[i] - meanU) * (v[i] - meanV);
        }
        if (!(suu > 0)) {
            throw new IllegalArgumentException("x must take at least two distinct values");
        }
        double slope = suv / suu;
        double intercept = meanV - slope * meanU;
        double chi2 = 0;
        for (int i = 0; i < n; i++) {
            double r = v[i] - intercept - slope * u[i];
            chi2 += w[i] * r * r;
        }
        double perDegree = n > 2 ? chi2 / (n - 2) : Double.NaN;
        double scale = yError == null ? perDegree : 1; // residual variance when errors are unknown
        double slopeVar = scale / suu;
        double interceptVar = scale * (1 / sw + meanU * meanU / suu);
        return new PowerLawFit(slope, Math.sqrt(slopeVar), intercept, Math.sqrt(interceptVar), perDegree);
    }
}
