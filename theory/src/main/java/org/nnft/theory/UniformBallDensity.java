package org.nnft.theory;

import java.util.function.DoubleUnaryOperator;

/**
 * w uniform in the ball |w| &lt; Lambda of R^d (d = 1..4) with a user amplitude A(|w|):
 * E_w[F(|w|) cos(w.X)] = ((2 pi)^d / vol(B_Lambda^d)) int_{|p|&lt;Lambda} d^dp/(2pi)^d F(|p|) cos(p.X),
 * evaluated by {@link RadialFourierIntegral}. The cos-net free scalar of docs/physics.md A.2 is the
 * amplitude A(p)^2 = 2 vol(B) / (sigma_a^2 (2 pi)^d (p^2 + m^2)), see {@link #freeScalar}.
 */
public final class UniformBallDensity implements CosNeuronDensity {

    private final int dimension;
    private final double cutoff;
    private final DoubleUnaryOperator amplitude;
    private final double momentPrefactor;

    /**
     * @param dimension d in 1..4
     * @param cutoff    ball radius Lambda &gt; 0
     * @param amplitude A(|w|), smooth on [0, Lambda]
     */
    public UniformBallDensity(int dimension, double cutoff, DoubleUnaryOperator amplitude) {
        RadialFourierIntegral.requireDimension(dimension);
        if (!(cutoff > 0) || Double.isInfinite(cutoff)) {
            throw new IllegalArgumentException("cutoff Lambda must be positive and finite, got " + cutoff);
        }
        if (amplitude == null) {
            throw new IllegalArgumentException("amplitude must not be null");
        }
        this.dimension = dimension;
        this.cutoff = cutoff;
        this.amplitude = amplitude;
        this.momentPrefactor = Math.pow(2 * Math.PI, dimension) / RadialFourierIntegral.ballVolume(dimension, cutoff);
    }

    /**
     * The cos-net of docs/physics.md A.2 (amplitude sqrt(2 vol(B)/(sigma_a^2 (2pi)^d)) / sqrt(p^2+m^2)); use it
     * with the same sigma_a in {@link CosNetCorrelators}: G2 is then the cutoff propagator for any sigma_a.
     */
    public static UniformBallDensity freeScalar(int dimension, double mass, double cutoff, double sigmaA) {
        if (!(mass > 0) || Double.isInfinite(mass)) {
            throw new IllegalArgumentException("mass m must be positive and finite, got " + mass);
        }
        if (!(sigmaA > 0) || Double.isInfinite(sigmaA)) {
            throw new IllegalArgumentException("sigmaA must be positive and finite, got " + sigmaA);
        }
        RadialFourierIntegral.requireDimension(dimension);
        double norm2 = 2 * RadialFourierIntegral.ballVolume(dimension, cutoff)
                / (sigmaA * sigmaA * Math.pow(2 * Math.PI, dimension));
        return new UniformBallDensity(dimension, cutoff, p -> Math.sqrt(norm2 / (p * p + mass * mass)));
    }

    @Override
    public int dimension() {
        return dimension;
    }

    public double cutoff() {
        return cutoff;
    }

    @Override
    public double secondMoment(double[] separation) {
        return momentPrefactor * RadialFourierIntegral.integrate(dimension, cutoff, norm(separation), p -> {
            double a = amplitude.applyAsDouble(p);
            return a * a;
        });
    }

    @Override
    public double fourthMoment(double[] separation) {
        return momentPrefactor * RadialFourierIntegral.integrate(dimension, cutoff, norm(separation), p -> {
            double a = amplitude.applyAsDouble(p);
            return a * a * a * a;
        });
    }

    private double norm(double[] x) {
        if (x == null || x.length != dimension) {
            throw new IllegalArgumentException("separation must have dimension " + dimension);
        }
        double s = 0;
        for (double c : x) {
            if (!Double.isFinite(c)) {
                throw new IllegalArgumentException("separation has a non-finite coordinate");
            }
            s += c * c;
        }
        return Math.sqrt(s);
    }
}
