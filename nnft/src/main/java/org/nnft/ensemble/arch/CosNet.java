package org.nnft.ensemble.arch;

import org.nnft.engine.Precision;
import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.random.RandomStreams;
import org.nnft.theory.CauchyDensity;
import org.nnft.theory.CosNetCorrelators;
import org.nnft.theory.RadialFourierIntegral;

/**
 * Cos-neuron network (docs/physics.md A.2, arXiv:2112.04527):
 * {@code phi(x) = sum_i a_i A(w_i) cos(w_i.x + c_i)}, a_i ~ N(0, sigma_a^2/N), c_i ~ U[-pi, pi].
 * With {@link MomentumDensity#UNIFORM_BALL}, w uniform in the d-ball of radius Lambda and
 * {@code A(w) = sqrt(2 vol(B_Lambda^d) / (sigma_a^2 (2 pi)^d)) / sqrt(|w|^2 + m^2)}, G2 is the
 * free propagator 1/(p^2 + m^2) with a sharp momentum cutoff, at every N. With
 * {@link MomentumDensity#CAUCHY} (d = 1), w ~ Cauchy(0, m) and {@code A = 1/(sigma_a sqrt m)}, so
 * that G2(t) = exp(-m|t|)/(2m) (docs/physics.md writes A = m^-1/2 for sigma_a = 1). sigma_a cancels
 * from every correlator; it only sets the scale of the a_i.
 *
 * <p>This record is the sampled network (its kernel, parameters and neuron draws); its exact correlators come
 * from the theory module's {@link CosNetCorrelators} (the one implementation of the cos-net theory).
 *
 * <p>Kernel: uniforms have 32-bit resolution ({@code RandomStreams.toOpenUnit}, never 0 or 1).
 * cos is the library float64 cos (Java {@code Math.cos}, C {@code cos}), which differ
 * by a few ulp between backends; Cauchy momenta use {@code tan}, ball radii {@code pow}, likewise.
 *
 * @param dimension input dimension d, 1..4
 * @param mass      m > 0
 * @param cutoff    Lambda > 0 (UNIFORM_BALL); ignored, conventionally +infinity, for CAUCHY
 * @param sigmaA    sigma_a > 0
 * @param width     number of neurons N >= 1
 * @param density   momentum density
 */
public record CosNet(int dimension, double mass, double cutoff, double sigmaA, int width, MomentumDensity density)
        implements Architecture {

    /** The fused ensemble kernel of this architecture (listed in {@link EnsembleKernels}). */
    static final Kernel KERNEL = EnsembleKernel.create("ensemble_cosnet", "cosnet.c", CosNet::field,
            CosNetLanes::field);
    /** The single-precision kernel: {@code cosnet.c} compiled for float ({@link CosNetSingle}). */
    static final Kernel KERNEL_SINGLE = EnsembleKernel.create("ensemble_cosnet_f32",
            new String[]{"cosnet_f32.c", "cosnet.c"}, CosNetSingle::field, CosNetLanesSingle::field);

    public CosNet {
        Preconditions.inRange("dimension", dimension, 1, 4);
        Preconditions.positive("mass", mass);
        Preconditions.positive("sigmaA", sigmaA);
        Preconditions.inRange("width", width, 1, Integer.MAX_VALUE);
        if (density == null) {
            throw new IllegalArgumentException("density must not be null");
        }
        if (density == MomentumDensity.UNIFORM_BALL) {
            Preconditions.positive("cutoff", cutoff);
            double norm = RadialFourierIntegral.ballVolume(dimension, cutoff) / Math.pow(2 * Math.PI, dimension);
            boolean representable = norm >= Double.MIN_NORMAL && Double.isFinite(norm)
                    && Double.isFinite(cutoff * cutoff + mass * mass);
            if (!representable) {
                throw new IllegalArgumentException("cutoff " + cutoff + " (with mass " + mass + ") is not representable"
                        + " in d = " + dimension + ": the momentum-ball volume Lambda^d / (2 pi)^d = " + norm
                        + " or Lambda^2 + m^2 leaves the double range");
            }
        } else if (dimension != 1) {
            throw new IllegalArgumentException("dimension must be 1 for Cauchy momenta, got " + dimension);
        }
    }

    /** The sharp-cutoff free scalar in d dimensions. */
    public static CosNet freeScalar(int dimension, double mass, double cutoff, double sigmaA, int width) {
        return new CosNet(dimension, mass, cutoff, sigmaA, width, MomentumDensity.UNIFORM_BALL);
    }

    /** The d = 1 Cauchy-momentum net with G2(t) = exp(-m|t|)/(2m). */
    public static CosNet cauchy(double mass, double sigmaA, int width) {
        return new CosNet(1, mass, Double.POSITIVE_INFINITY, sigmaA, width, MomentumDensity.CAUCHY);
    }

    @Override
    public int inputDimension() {
        return dimension;
    }

    @Override
    public int outputDimension() {
        return 1;
    }

    @Override
    public Kernel kernel() {
        return KERNEL;
    }

    @Override
    public Kernel kernel(Precision precision) {
        return precision == Precision.SINGLE ? KERNEL_SINGLE : KERNEL;
    }

    @Override
    public int variant() {
        return density.ordinal();
    }

    /** {m, Lambda, scale}: scale = A(w) sqrt(|w|^2+m^2) sigma_a / sqrt(N) (ball) or A sigma_a / sqrt(N) (Cauchy). */
    @Override
    public double[] kernelParameters(double[][] points) {
        double scale = density == MomentumDensity.UNIFORM_BALL
                ? Math.sqrt(2 * ballVolumeOverTwoPiD() / width)
                : 1 / Math.sqrt(mass * width);
        return new double[]{mass, density == MomentumDensity.UNIFORM_BALL ? cutoff : 0.0, scale};
    }

    /** The exact correlators of this net: the theory module's cos-net theory for its momentum density. */
    public CosNetCorrelators theory() {
        return density == MomentumDensity.CAUCHY
                ? new CosNetCorrelators(new CauchyDensity(mass), 1)
                : CosNetCorrelators.freeScalar(dimension, mass, cutoff);
    }

    /** G2: the sharp-cutoff propagator (ball) or exp(-m|t|)/(2m) (Cauchy), exact at every N. */
    @Override
    public double twoPoint(double[] x, int a, double[] y, int b) {
        requireScalarComponents(a, b);
        return theory().g2(x, y);
    }

    /**
     * {@code (1/N) [(3/2) sum_j Q(X_j) - (G12 G34 + G13 G24 + G14 G23)]} with X_1 = x1+x2-x3-x4,
     * X_2 = x1-x2+x3-x4, X_3 = x1-x2-x3+x4 and {@code Q = (sigma_a^4/4) E_w[A^4 cos(w.X)]}:
     * {@code vol/(2pi)^d H_Lambda(X)} (ball, docs/physics.md A.2), {@code exp(-m|X|)/(4 m^2)} (Cauchy).
     */
    @Override
    public double connectedFourPoint(double[][] x, int[] components) {
        if (x.length != 4 || components.length != 4) {
            throw new IllegalArgumentException("points: the connected 4-point function needs 4 points, got "
                    + x.length);
        }
        for (int c : components) {
            requireScalarComponents(c, 0);
        }
        return theory().g4Connected(x[0], x[1], x[2], x[3], width);
    }

    private double ballVolumeOverTwoPiD() {
        return RadialFourierIntegral.ballVolume(dimension, cutoff) / Math.pow(2 * Math.PI, dimension);
    }

    private static void requireScalarComponents(int a, int b) {
        if (a != 0 || b != 0) {
            throw new IllegalArgumentException("component must be 0 for a scalar cos-net, got " + a + ", " + b);
        }
    }

    /** Length of a drawn neuron: {amplitude, phase c, w_0..w_3} (only the first d momenta are used). */
    public static final int NEURON_SIZE = 6;

    /**
     * Java twin of {@code ens_cos_neuron} in cosnet.c: the neuron drawn from Philox block
     * {@code block} (and {@code block + 1} for d >= 2) of {@code stream}, written to
     * {@code neuron = {amplitude, c, w_0, .., w_3}}; {@code hyper} is {@link #kernelParameters}.
     * The free network {@code n} has neuron i at {@code block = 2 i} of {@link EnsembleStreams#stream}(n).
     *
     * @param r0 4 scratch words
     * @param r1 4 scratch words
     */
    public static void drawNeuron(long seed, long stream, long block, double[] hyper, int dim, int variant,
                                  int[] r0, int[] r1, double[] neuron) {
        double m = hyper[0];
        double lambda = hyper[1];
        double scale = hyper[2];
        RandomStreams.block(seed, stream, block, r0);
        double u = RandomStreams.toOpenUnit(r0[3]);
        neuron[1] = (2.0 * RandomStreams.toOpenUnit(r0[2]) - 1.0) * Math.PI;
        if (variant == 1) {
            neuron[2] = m * Math.tan(Math.PI * (u - 0.5));
            neuron[0] = scale * RandomStreams.boxMuller(r0[0], r0[1], false);
        } else if (dim == 1) {
            neuron[2] = lambda * (2.0 * u - 1.0);
            neuron[0] = scale * RandomStreams.boxMuller(r0[0], r0[1], false, neuron[2] * neuron[2] + m * m);
        } else {
            RandomStreams.block(seed, stream, block + 1, r1);
            neuron[2] = RandomStreams.boxMuller(r1[0], r1[1], false);
            neuron[3] = RandomStreams.boxMuller(r1[0], r1[1], true);
            neuron[4] = RandomStreams.boxMuller(r1[2], r1[3], false);
            neuron[5] = RandomStreams.boxMuller(r1[2], r1[3], true);
            double norm2 = 0.0;
            for (int k = 0; k < dim; k++) {
                norm2 = norm2 + neuron[2 + k] * neuron[2 + k];
            }
            double radius = lambda * Math.pow(u, 1.0 / dim);
            double s = radius / Math.sqrt(norm2);
            for (int k = 0; k < dim; k++) {
                neuron[2 + k] = neuron[2 + k] * s;
            }
            neuron[0] = scale * RandomStreams.boxMuller(r0[0], r0[1], false, radius * radius + m * m);
        }
    }

    /**
     * Java twin of {@code ens_cos_amplitude_variance} in cosnet.c: the variance s^2 of a drawn neuron's amplitude in
     * the learning kernels' parameterisation (docs/ntk.md section 6), {@code scale^2 / (m^2 + |w|^2)} for the ball
     * net and {@code scale^2} for the Cauchy net ({@code neuron} as {@link #drawNeuron} writes it).
     */
    static double amplitudeVariance(double[] hyper, int dim, int variant, double[] neuron) {
        double s2 = hyper[2] * hyper[2];
        if (variant == 0) {
            double precision = hyper[0] * hyper[0];
            for (int k = 0; k < dim; k++) {
                precision = precision + neuron[2 + k] * neuron[2 + k];
            }
            s2 = s2 / precision;
        }
        return s2;
    }

    /**
     * The CPU fast path of the field at the points ({@link CosNetLanes}, the free sampler's CPU default):
     * kernels that must reproduce the free ensemble's numbers on the CPU call this.
     */
    public static void fieldLanes(double[] points, int pointCount, double[] hyper, int width, int dim, int variant,
                                  long seed, long stream, double[] phi, FieldScratch scratch) {
        CosNetLanes.field(points, pointCount, hyper, width, dim, 1, variant, seed, stream, phi, scratch);
    }

    /**
     * The single-precision CPU fast path of the field at the points ({@link CosNetLanesSingle}, the free sampler's
     * CPU default in single precision): kernels that must reproduce the free single-precision numbers call this.
     */
    public static void fieldLanesSingle(double[] points, int pointCount, double[] hyper, int width, int dim,
                                        int variant, long seed, long stream, double[] phi, FieldScratch scratch) {
        CosNetLanesSingle.field(points, pointCount, hyper, width, dim, 1, variant, seed, stream, phi, scratch);
    }

    /** Java twin of {@code ens_field} in cosnet.c, line by line. */
    static void field(double[] points, int pointCount, double[] hyper, int width, int dim, int outDim,
                      int variant, long seed, long stream, double[] phi, FieldScratch scratch) {
        fieldAt(points, pointCount, hyper, width, dim, variant, seed, stream, phi, scratch.r0, scratch.r1,
                scratch.neuron);
    }

    /**
     * The field of the free network of Philox {@code stream} at {@code pointCount} points (row-major
     * coordinates), exactly as the fused ensemble kernel computes it (Java twin of {@code ens_field}).
     *
     * @param r0     4 scratch words
     * @param r1     4 scratch words
     * @param neuron {@link #NEURON_SIZE} scratch doubles
     */
    public static void fieldAt(double[] points, int pointCount, double[] hyper, int width, int dim, int variant,
                               long seed, long stream, double[] phi, int[] r0, int[] r1, double[] neuron) {
        for (int p = 0; p < pointCount; p++) {
            phi[p] = 0.0;
        }
        for (int i = 0; i < width; i++) {
            drawNeuron(seed, stream, (long) i * 2, hyper, dim, variant, r0, r1, neuron);
            for (int p = 0; p < pointCount; p++) {
                double arg = neuron[1];
                for (int k = 0; k < dim; k++) {
                    arg = arg + neuron[2 + k] * points[p * dim + k];
                }
                phi[p] = phi[p] + neuron[0] * Math.cos(arg);
            }
        }
    }
}
