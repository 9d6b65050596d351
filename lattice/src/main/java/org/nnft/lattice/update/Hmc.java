package org.nnft.lattice.update;

import org.nnft.engine.random.RandomStreams;
import org.nnft.lattice.action.Phi4Action;

import java.util.Objects;

/**
 * Hybrid Monte Carlo on the host mirror: momenta {@code p_x ~ N(0,1)}, {@code H = sum p^2/2 + S},
 * {@code steps} integrator steps of size {@code trajectoryLength/steps}, force
 * {@code F_x = J_x - 2 a phi_x - 4 b phi_x^3}, Metropolis accept with {@code min(1, exp(-Delta H))}.
 * Random numbers follow {@link StreamMap}. {@link #lastDeltaH()} exposes Delta H for the
 * {@code <exp(-Delta H)> = 1} test.
 */
public final class Hmc implements Update {
    private final Phi4Action action;
    private final Integrator integrator;
    private final int steps;
    private final double stepSize;
    private final double[] momentum;
    private final double[] force;
    private final double[] start;
    private final int[] w = new int[4];
    private double lastDeltaH;

    public Hmc(Phi4Action action, Integrator integrator, double trajectoryLength, int steps) {
        if (!(trajectoryLength > 0) || !Double.isFinite(trajectoryLength)) {
            throw new IllegalArgumentException("trajectoryLength must be positive and finite, got " + trajectoryLength);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        this.action = action;
        this.integrator = Objects.requireNonNull(integrator, "integrator");
        this.steps = steps;
        this.stepSize = trajectoryLength / steps;
        int v = action.lattice().volume();
        this.momentum = new double[v];
        this.force = new double[v];
        this.start = new double[v];
    }

    @Override
    public String name() {
        return "hmc";
    }

    @Override
    public double apply(LatticeField field, long seed, long step) {
        double[] phi = field.host();
        long momentumStream = StreamMap.stream(step, 0);
        for (int x = 0; x < phi.length; x++) {
            momentum[x] = RandomStreams.normal(seed, momentumStream, x);
        }
        System.arraycopy(phi, 0, start, 0, phi.length);
        double h0 = hamiltonian(phi, momentum);
        integrate(phi, momentum);
        double h1 = hamiltonian(phi, momentum);
        lastDeltaH = h1 - h0;
        RandomStreams.block(seed, StreamMap.stream(step, 1), 0, w);
        boolean accept = lastDeltaH <= 0 || RandomStreams.toUniformDouble(w[0], w[1]) < Math.exp(-lastDeltaH);
        if (!accept) {
            System.arraycopy(start, 0, phi, 0, phi.length);
        }
        field.hostModified();
        return accept ? 1.0 : 0.0;
    }

    /** {@code sum p^2/2 + S(phi)}. */
    public double hamiltonian(double[] phi, double[] p) {
        double k = 0;
        for (double v : p) {
            k += v * v;
        }
        return 0.5 * k + action.action(phi);
    }

    /** Integrates one trajectory in place (used by the reversibility test with negated momenta). */
    public void integrate(double[] phi, double[] p) {
        double eps = stepSize;
        switch (integrator) {
            case LEAPFROG -> {
                kick(phi, p, 0.5 * eps);
                for (int s = 0; s < steps; s++) {
                    drift(phi, p, eps);
                    kick(phi, p, s == steps - 1 ? 0.5 * eps : eps);
                }
            }
            case OMELYAN -> {
                double lam = Integrator.OMELYAN_LAMBDA;
                for (int s = 0; s < steps; s++) {
                    kick(phi, p, lam * eps);
                    drift(phi, p, 0.5 * eps);
                    kick(phi, p, (1.0 - 2.0 * lam) * eps);
                    drift(phi, p, 0.5 * eps);
                    kick(phi, p, lam * eps);
                }
            }
            default -> {
                // every constant is handled above
            }
        }
    }

    private void kick(double[] phi, double[] p, double dt) {
        action.force(phi, force);
        for (int x = 0; x < p.length; x++) {
            p[x] += dt * force[x];
        }
    }

    private static void drift(double[] phi, double[] p, double dt) {
        for (int x = 0; x < phi.length; x++) {
            phi[x] += dt * p[x];
        }
    }

    /** Delta H of the last trajectory. */
    public double lastDeltaH() {
        return lastDeltaH;
    }
}
