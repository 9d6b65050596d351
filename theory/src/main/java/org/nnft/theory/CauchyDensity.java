package org.nnft.theory;

/**
 * d = 1 cos-neurons with w ~ Cauchy(0, m) and constant amplitude A = m^(-1/2), no cutoff
 * (docs/physics.md A.2): E[cos(w t)] = exp(-m |t|), so E[A^2 cos(w t)] = exp(-m|t|)/m and
 * E[A^4 cos(w t)] = exp(-m|t|)/m^2. With sigma_a = 1, G2(t) = exp(-m|t|)/(2m), the continuum
 * d = 1 propagator.
 */
public final class CauchyDensity implements CosNeuronDensity {

    private final double mass;

    /** @param mass Cauchy scale m &gt; 0 */
    public CauchyDensity(double mass) {
        if (!(mass > 0) || Double.isInfinite(mass)) {
            throw new IllegalArgumentException("mass m must be positive and finite, got " + mass);
        }
        this.mass = mass;
    }

    @Override
    public int dimension() {
        return 1;
    }

    @Override
    public double secondMoment(double[] separation) {
        return Math.exp(-mass * distance(separation)) / mass;
    }

    @Override
    public double fourthMoment(double[] separation) {
        return Math.exp(-mass * distance(separation)) / (mass * mass);
    }

    private static double distance(double[] t) {
        if (t == null || t.length != 1 || !Double.isFinite(t[0])) {
            throw new IllegalArgumentException("separation must be a finite 1-d point");
        }
        return Math.abs(t[0]);
    }
}
