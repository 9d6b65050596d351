package org.nnft.lattice.measure;

/** A Monte Carlo mean with its autocorrelation-aware error and integrated autocorrelation time (in measurements). */
public record Estimate(double value, double error, double tauInt) {
}
