package org.nnft.lattice.update;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

import static org.nnft.lattice.update.LaneShape.D;
import static org.nnft.lattice.update.LaneShape.DOUBLE_LANES;

/**
 * The passes of one hit of the Metropolis fast path over a batch's lanes, each one small counted loop: the
 * proposals and action differences ({@link #propose}, or {@link #reflect} for overrelaxation), the accept
 * decisions ({@link #decide}) and their application ({@link #apply}). Each computes what the reference body
 * computes, in the same order, so the chain is the reference's bit for bit.
 */
final class HitPasses {
    private HitPasses() {
    }

    /**
     * The proposals of one hit on the first {@code n} lanes (a multiple of the vector length): q = phi + delta (2u - 1)
     * replaces the proposal step 2u - 1, and the change of the local action, ds = s(q) - s(phi), goes to
     * {@link LaneBatch#trial}. s(phi) is recomputed at every hit: after an accepted hit it is the previous s(q) bit for
     * bit (the same operations on the same value), as the reference carries it. The hit is cut into this
     * pass, {@link #decide} and {@link #apply} so that each loop iteration is a short dependency chain (a long one
     * runs at its latency); each pass is one counted loop, so C2 hoists its bounds checks and constants.
     */
    static void propose(LaneBatch lanes, int n, double delta) {
        // Arrays in locals: C2 hoists the bounds checks of loop-invariant arrays only
        double[] phi = lanes.phi;
        double[] jl = lanes.j;
        double[] al = lanes.a;
        double[] bl = lanes.b;
        double[] proposal = lanes.proposal;
        double[] trial = lanes.trial;
        for (int k = 0; k < n; k += DOUBLE_LANES) {
            DoubleVector p = DoubleVector.fromArray(D, phi, k);
            DoubleVector q = p.add(DoubleVector.fromArray(D, proposal, k).mul(delta));
            DoubleVector a = DoubleVector.fromArray(D, al, k);
            DoubleVector b = DoubleVector.fromArray(D, bl, k);
            DoubleVector j = DoubleVector.fromArray(D, jl, k);
            DoubleVector p2 = p.mul(p);
            DoubleVector q2 = q.mul(q);
            DoubleVector sOld = a.mul(p2).add(b.mul(p2).mul(p2)).sub(j.mul(p));
            DoubleVector sNew = a.mul(q2).add(b.mul(q2).mul(q2)).sub(j.mul(q));
            sNew.sub(sOld).intoArray(trial, k);
            q.intoArray(proposal, k);
        }
    }

    /**
     * Overrelaxation's proposals on the first {@code n} lanes, as {@link OverrelaxationKernel#run} forms them: the
     * reflection q = J/a - phi replaces the proposal step, and ds = b (q^4 - phi^4) goes to {@link LaneBatch#trial}.
     * LaneBatch with a = 0, which the reference leaves alone, get ds = +infinity, which {@link #decide}'s bounds
     * reject.
     */
    static void reflect(LaneBatch lanes, int n) {
        double[] phi = lanes.phi;
        double[] jl = lanes.j;
        double[] al = lanes.a;
        double[] bl = lanes.b;
        double[] proposal = lanes.proposal;
        double[] trial = lanes.trial;
        for (int k = 0; k < n; k += DOUBLE_LANES) {
            DoubleVector p = DoubleVector.fromArray(D, phi, k);
            DoubleVector a = DoubleVector.fromArray(D, al, k);
            DoubleVector q = DoubleVector.fromArray(D, jl, k).div(a).sub(p);
            DoubleVector p2 = p.mul(p);
            DoubleVector q2 = q.mul(q);
            DoubleVector.fromArray(D, bl, k).mul(q2.mul(q2).sub(p2.mul(p2)))
                    .blend(Double.POSITIVE_INFINITY, a.compare(VectorOperators.EQ, 0.0)).intoArray(trial, k);
            q.intoArray(proposal, k);
        }
    }

    /**
     * The accept decisions of one hit on the first {@code n} lanes after {@link #propose} or {@link #reflect}, 1.0 or
     * 0.0 into {@link LaneBatch#hitAccepted}: the reference's {@code ds <= 0 || u < Math.exp(-ds)} with ds from
     * {@link LaneBatch#trial}, hitAccepted by bounds on exp(-ds) where they decide and by {@link #decideExactly}
     * elsewhere.
     */
    static void decide(LaneBatch lanes, int n) {
        double[] trial = lanes.trial;
        double[] uniform = lanes.uniform;
        double[] hitAccepted = lanes.hitAccepted;
        double[] decided = lanes.decided;
        DoubleVector one = DoubleVector.broadcast(D, 1.0);
        DoubleVector half = DoubleVector.broadcast(D, 0.5);
        for (int k = 0; k < n; k += DOUBLE_LANES) {
            DoubleVector x = DoubleVector.fromArray(D, trial, k);
            DoubleVector u = DoubleVector.fromArray(D, uniform, k);
            // Bounds on exp(-x) by Horner with fused multiply-adds: only bounds, so their rounding need not match
            // anything (see MARGIN). For x <= 0 they decide nothing wrong: there lower - MARGIN >= 1 - MARGIN, and
            // a lane with u within MARGIN of 1 goes to decideExactly, which accepts it as the reference does; no
            // NaN arises for large |x|, the Horner steps alternate in sign.
            DoubleVector lowerMinusMargin = x.fma(-1.0 / 120, 1.0 / 24).fma(x, DoubleVector.broadcast(D, -1.0 / 6))
                    .fma(x, half).fma(x, DoubleVector.broadcast(D, -1.0))
                    .fma(x, DoubleVector.broadcast(D, 1.0 - MARGIN));
            DoubleVector inverseUpper = x.fma(1.0 / 24, 1.0 / 6).fma(x, half).fma(x, one).fma(x, one);
            VectorMask<Double> accept = u.compare(VectorOperators.LT, lowerMinusMargin);
            VectorMask<Double> sure = accept.or(u.mul(inverseUpper).compare(VectorOperators.GE, 1.0 + MARGIN));
            DoubleVector.zero(D).blend(1.0, accept).intoArray(hitAccepted, k);
            if (!sure.allTrue()) {
                // Through an array, not a vector or mask assigned in a branch: that meets its other value in a phi,
                // which C2 boxes (an allocation per call).
                DoubleVector.zero(D).blend(1.0, sure).intoArray(decided, 0);
                decideExactly(lanes, k);
            }
        }
    }

    /**
     * Applies the decisions of {@link #decide}: an accepted lane takes q; with {@code more} (several hits) it also
     * counts one in {@link LaneBatch#acceptedHits}.
     */
    static void apply(LaneBatch lanes, int n, boolean more) {
        double[] phi = lanes.phi;
        double[] proposal = lanes.proposal;
        double[] hitAccepted = lanes.hitAccepted;
        if (!more) {
            for (int k = 0; k < n; k += DOUBLE_LANES) {
                VectorMask<Double> yes = DoubleVector.fromArray(D, hitAccepted, k).compare(VectorOperators.NE, 0.0);
                DoubleVector.fromArray(D, phi, k).blend(DoubleVector.fromArray(D, proposal, k), yes).intoArray(phi, k);
            }
            return;
        }
        double[] acceptedHits = lanes.acceptedHits;
        for (int k = 0; k < n; k += DOUBLE_LANES) {
            // 1.0 for an accepted lane, else 0.0: blends, not masked arithmetic (no AVX2 intrinsic, boxes).
            DoubleVector accepted01 = DoubleVector.fromArray(D, hitAccepted, k);
            VectorMask<Double> yes = accepted01.compare(VectorOperators.NE, 0.0);
            DoubleVector.fromArray(D, phi, k).blend(DoubleVector.fromArray(D, proposal, k), yes).intoArray(phi, k);
            DoubleVector.fromArray(D, acceptedHits, k).add(accepted01).intoArray(acceptedHits, k);
        }
    }

    /**
     * The accept decisions of the lanes {@code k ..} that the bounds in {@link #decide} left open (0.0 in
     * {@link LaneBatch#decided}), as the reference takes them: for x = ds,
     * {@code 1 - x + x^2/2 - x^3/6 + x^4/24 - x^5/120 <= exp(-x) <= 1/(1 + x + x^2/2 + x^3/6 + x^4/24)} for x > 0
     * (Taylor with a remainder of known sign), so a lane whose u lies below the lower or above the wordPair bound by
     * more than {@link #MARGIN} (far beyond the bounds' rounding) is decided by them; the few others (u within about
     * x^5/120 of exp(-x), or within MARGIN of 1 for x <= 0) call {@link Math#exp} here, on the same ds. The decisions
     * are the reference's exactly, and deterministic: the Vector API's own EXP may take different code in the
     * interpreter and in compiled code. Arrays only, so no vector crosses this call.
     */
    private static void decideExactly(LaneBatch lanes, int k) {
        for (int l = 0; l < DOUBLE_LANES; l++) {
            if (lanes.decided[l] == 0.0) {
                lanes.hitAccepted[k + l] = lanes.uniform[k + l] < Math.exp(-lanes.trial[k + l]) ? 1.0 : 0.0;
            }
        }
    }

    /**
     * Margin of the exp bounds in {@link #decide}: their rounding errors are below 1e-14 for x <= 6, where they matter.
     */
    private static final double MARGIN = 1e-12;
}
