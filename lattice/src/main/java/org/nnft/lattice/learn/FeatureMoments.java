package org.nnft.lattice.learn;

/**
 * Sample mean and covariance of feature vectors {@code f[n][k]} (n samples, k features); the covariance of
 * {@code f = dS/dtheta} is the Fisher information of the model {@code exp(-theta . f)}.
 */
public final class FeatureMoments {
    private final double[] mean;
    private final double[][] centred;

    public FeatureMoments(double[][] f) {
        if (f.length < 2) {
            throw new IllegalArgumentException("need at least 2 samples, got " + f.length);
        }
        int k = f[0].length;
        mean = new double[k];
        for (double[] row : f) {
            for (int i = 0; i < k; i++) {
                mean[i] += row[i];
            }
        }
        for (int i = 0; i < k; i++) {
            mean[i] /= f.length;
        }
        centred = new double[f.length][k];
        for (int n = 0; n < f.length; n++) {
            for (int i = 0; i < k; i++) {
                centred[n][i] = f[n][i] - mean[i];
            }
        }
    }

    public double[] mean() {
        return mean.clone();
    }

    /** The (1/N-normalised) sample covariance matrix. */
    public double[][] covariance() {
        int k = mean.length;
        double[][] c = new double[k][k];
        for (double[] row : centred) {
            for (int i = 0; i < k; i++) {
                double ri = row[i];
                for (int j = i; j < k; j++) {
                    c[i][j] += ri * row[j];
                }
            }
        }
        for (int i = 0; i < k; i++) {
            for (int j = i; j < k; j++) {
                c[i][j] /= centred.length;
                c[j][i] = c[i][j];
            }
        }
        return c;
    }

    /** {@code (1/N) sum_n (u_n - <u>) (f_n - <f>)}: the sample covariance of a scalar series with each feature. */
    public double[] covarianceWith(double[] u) {
        if (u.length != centred.length) {
            throw new IllegalArgumentException("u must have " + centred.length + " entries, got " + u.length);
        }
        double um = 0;
        for (double x : u) {
            um += x;
        }
        um /= u.length;
        double[] c = new double[mean.length];
        for (int n = 0; n < u.length; n++) {
            double du = u[n] - um;
            for (int i = 0; i < c.length; i++) {
                c[i] += du * centred[n][i];
            }
        }
        for (int i = 0; i < c.length; i++) {
            c[i] /= u.length;
        }
        return c;
    }
}
