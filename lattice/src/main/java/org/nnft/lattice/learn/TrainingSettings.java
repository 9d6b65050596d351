package org.nnft.lattice.learn;

import java.util.Objects;

/**
 * Settings of a training run: {@code steps} parameter updates; before each, {@code thermalize} sweeps of the
 * persistent model chain at the current couplings, then {@code samples} configurations every {@code every}
 * sweeps; the update {@code optimizer} with step size {@code eta}, Fisher damping {@code damping} and trust region
 * {@code maxStep} (no parameter moves by more than this per step; infinity: no limit). Far from the optimum a
 * natural-gradient step can leave the normalisable region (some b_x < 0); the trust region prevents that.
 */
public record TrainingSettings(int steps, int thermalize, int samples, int every, Optimizer optimizer, double eta,
                               double damping, double maxStep) {
    public TrainingSettings {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        if (thermalize < 0) {
            throw new IllegalArgumentException("thermalize must be >= 0, got " + thermalize);
        }
        if (samples < 2) {
            throw new IllegalArgumentException("samples must be >= 2, got " + samples);
        }
        if (every < 1) {
            throw new IllegalArgumentException("every must be >= 1, got " + every);
        }
        Objects.requireNonNull(optimizer, "optimizer");
        if (!(eta > 0) || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("eta must be positive and finite, got " + eta);
        }
        if (!(damping >= 0) || !Double.isFinite(damping)) {
            throw new IllegalArgumentException("damping must be >= 0 and finite, got " + damping);
        }
        if (!(maxStep > 0)) {
            throw new IllegalArgumentException("maxStep must be positive, got " + maxStep);
        }
    }
}
