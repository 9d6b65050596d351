package org.nnft.cli;

import org.nnft.lattice.learn.RbmLearning;
import picocli.CommandLine.Option;

import java.util.Locale;

/**
 * The options of {@code nnft learn --data FILE --rbm VISIBLE-HIDDEN}: the network family of docs/learn.md L.9
 * (units gaussian, phi4 or bernoulli; their fixed quadratic and quartic coefficients), one layer of
 * {@code --hidden} units or a stack {@code --stack H1,H2,...}, the persistent chains, and the pixel scale of image
 * data (also used by the inhomogeneous action). All are checked by {@link #config} before any work.
 */
final class RbmOptions {
    /** Largest number of weights of one layer (8 bytes each, several copies during training). */
    static final long MAX_WEIGHTS = 4_000_000;

    @Option(names = "--rbm", paramLabel = "VISIBLE-HIDDEN", description = "with --data: learn a restricted"
            + " Boltzmann machine (phi^4 network) instead of the inhomogeneous action; VISIBLE and HIDDEN are each"
            + " gaussian, phi4 or bernoulli, e.g. gaussian-bernoulli (docs/learn.md L.9)")
    String network;
    @Option(names = "--hidden", description = "with --rbm: hidden units (default 16)")
    Integer hidden;
    @Option(names = "--stack", split = ",", paramLabel = "H1,H2,...", description = "with --rbm: a stack of RBMs"
            + " with H1, H2, ... hidden units; layer k + 1 learns one draw of layer k's hidden units per data row")
    int[] stack;
    @Option(names = "--chains", defaultValue = "100", description = "with --rbm: persistent Gibbs chains")
    int chains;
    @Option(names = "--sweeps", defaultValue = "1", description = "with --rbm: sweeps of every chain per step")
    int sweeps;
    @Option(names = "--visible-quadratic", description = "with --rbm: a of gaussian and phi4 visible units"
            + " (a phi^2 in S; default 1/(2 var), var the data's variance)")
    Double visibleQuadratic;
    @Option(names = "--visible-quartic", description = "with --rbm: b of phi4 visible units (default 0.1)")
    Double visibleQuartic;
    @Option(names = "--hidden-quadratic", description = "with --rbm: m of gaussian and phi4 hidden units"
            + " (m h^2 in S; default 0.5)")
    Double hiddenQuadratic;
    @Option(names = "--hidden-quartic", description = "with --rbm: n of phi4 hidden units (default 0.1)")
    Double hiddenQuartic;
    @Option(names = "--pixel-scale", defaultValue = "1", description = "with PNG data: phi = (2 I/255 - 1) times"
            + " this (Bernoulli visible units: I >= 128 gives 1)")
    double pixelScale;

    /** Whether any option of the network was given (they need --rbm). */
    boolean anyNetworkOption() {
        return hidden != null || stack != null || visibleQuadratic != null || visibleQuartic != null
                || hiddenQuadratic != null || hiddenQuartic != null;
    }

    /** Whether the visible units are Bernoulli (the data are then thresholded or must be 0/1). */
    boolean bernoulliVisible() {
        return kinds()[0] == RbmLearning.Kind.BERNOULLI;
    }

    private RbmLearning.Kind[] kinds() {
        String[] parts = network.toLowerCase(Locale.ROOT).split("-", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("--rbm must be VISIBLE-HIDDEN with each gaussian, phi4 or bernoulli,"
                    + " got " + network);
        }
        return new RbmLearning.Kind[]{kind(parts[0]), kind(parts[1])};
    }

    private RbmLearning.Kind kind(String name) {
        return switch (name) {
            case "gaussian" -> RbmLearning.Kind.GAUSSIAN;
            case "phi4" -> RbmLearning.Kind.PHI4;
            case "bernoulli" -> RbmLearning.Kind.BERNOULLI;
            default -> throw new IllegalArgumentException("--rbm: units must be gaussian, phi4 or bernoulli, got "
                    + name + " in " + network);
        };
    }

    /** The layers' hidden sizes. */
    int[] layers() {
        if (hidden != null && stack != null) {
            throw new IllegalArgumentException("--hidden and --stack exclude each other (a stack of one is --hidden)");
        }
        int[] layers = stack != null ? stack.clone() : new int[]{hidden != null ? hidden : 16};
        for (int n : layers) {
            if (n < 1) {
                throw new IllegalArgumentException((stack != null ? "--stack" : "--hidden")
                        + ": hidden units must be >= 1, got " + n);
            }
        }
        return layers;
    }

    /** The checked configuration of the run on {@code data}. */
    RbmLearning.Config config(LearnData data, int steps, double eta, int newSamples, int thermalize, int every,
                              long seed) {
        RbmLearning.Kind[] k = kinds();
        int[] layers = layers();
        long nv = data.volume();
        for (int n : layers) {
            if (nv * n > MAX_WEIGHTS) {
                throw new IllegalArgumentException((stack != null ? "--stack" : "--hidden") + ": " + nv + " x " + n
                        + " weights, more than " + MAX_WEIGHTS);
            }
            nv = n;
        }
        if (chains < 1 || chains > 100_000) {
            throw new IllegalArgumentException("--chains must be 1..100000, got " + chains);
        }
        if (sweeps < 1) {
            throw new IllegalArgumentException("--sweeps must be >= 1, got " + sweeps);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
        }
        if (!(eta > 0) || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("--eta must be positive and finite, got " + eta);
        }
        if (newSamples < 1 || thermalize < 0 || every < 1) {
            throw new IllegalArgumentException("--new-samples and --every must be >= 1 and --thermalize >= 0, got "
                    + newSamples + ", " + every + ", " + thermalize);
        }
        RbmLearning.Units visible = units(k[0], "--visible-quadratic", visibleQuadratic == null
                ? defaultQuadratic(data) : visibleQuadratic, "--visible-quartic", visibleQuartic);
        RbmLearning.Units hiddenUnits = units(k[1], "--hidden-quadratic", hiddenQuadratic == null ? 0.5
                : hiddenQuadratic, "--hidden-quartic", hiddenQuartic);
        if (k[0] == RbmLearning.Kind.BERNOULLI && visibleQuadratic != null) {
            throw new IllegalArgumentException("--visible-quadratic: Bernoulli units have none (x^2 = x)");
        }
        if (k[1] == RbmLearning.Kind.BERNOULLI && hiddenQuadratic != null) {
            throw new IllegalArgumentException("--hidden-quadratic: Bernoulli units have none (x^2 = x)");
        }
        return new RbmLearning.Config(data.rows(), visible, hiddenUnits, layers, steps, chains, sweeps, eta,
                newSamples, thermalize, every, seed);
    }

    private static double defaultQuadratic(LearnData data) {
        double s = 0;
        double s2 = 0;
        long n = 0;
        for (double[] row : data.rows()) {
            for (double x : row) {
                s += x;
                s2 += x * x;
                n++;
            }
        }
        double var = s2 / n - (s / n) * (s / n);
        if (!(var > 0)) {
            throw new IllegalArgumentException("--data: all values are equal; give --visible-quadratic");
        }
        return 1 / (2 * var);
    }

    private static RbmLearning.Units units(RbmLearning.Kind kind, String quadraticName, double quadratic,
                                           String quarticName, Double quartic) {
        if (kind == RbmLearning.Kind.BERNOULLI) {
            if (quartic != null) {
                throw new IllegalArgumentException(quarticName + ": Bernoulli units have none (x^4 = x)");
            }
            return new RbmLearning.Units(kind, 0, 0);
        }
        if (kind == RbmLearning.Kind.GAUSSIAN) {
            if (quartic != null) {
                throw new IllegalArgumentException(quarticName + ": Gaussian units have none; use phi4 units");
            }
            if (!(quadratic > 0) || !Double.isFinite(quadratic)) {
                throw new IllegalArgumentException(quadraticName + " must be positive for Gaussian units, got "
                        + quadratic);
            }
            return new RbmLearning.Units(kind, quadratic, 0);
        }
        double q = quartic == null ? 0.1 : quartic;
        if (!(q > 0) || !Double.isFinite(q)) {
            throw new IllegalArgumentException(quarticName + " must be positive for phi4 units, got " + q);
        }
        if (!Double.isFinite(quadratic)) {
            throw new IllegalArgumentException(quadraticName + " must be finite, got " + quadratic);
        }
        return new RbmLearning.Units(kind, quadratic, q);
    }
}
