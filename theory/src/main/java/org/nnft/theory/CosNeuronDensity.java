package org.nnft.theory;

/**
 * Momentum density and amplitude of a cos-neuron ensemble phi(x) = sum_i a_i A(w_i) cos(w_i.x + c_i)
 * (docs/physics.md A.2): w ~ a rotation-invariant density on R^d, A = A(|w|). Supplies the two momentum
 * averages the correlators need, for a separation vector X (length {@link #dimension()}):
 * E_w[A(w)^2 cos(w.X)] and E_w[A(w)^4 cos(w.X)].
 */
public interface CosNeuronDensity {

    int dimension();

    /** E_w[A(w)^2 cos(w.X)]. */
    double secondMoment(double[] separation);

    /** E_w[A(w)^4 cos(w.X)]. */
    double fourthMoment(double[] separation);
}
