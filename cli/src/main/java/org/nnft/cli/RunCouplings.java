package org.nnft.cli;

import org.nnft.cli.io.Json;
import org.nnft.ensemble.arch.Architecture;
import org.nnft.ensemble.couplings.AmputatedVertex;
import org.nnft.ensemble.couplings.ExactMoments;
import org.nnft.ensemble.couplings.QuarticCouplings;
import org.nnft.stats.BlockMoments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The compact couplings analysis that {@code nnft widths --cutoffs} attaches to every width (docs/couplings.md
 * sections 1 and 5): the tuple-averaged quartic coupling per cutoff and the vertex's zero-momentum value and
 * locality, with the exact finite-width values where known. The full analysis is {@code nnft couplings}.
 */
final class RunCouplings {
    private RunCouplings() {
    }

    /** The largest input dimension of the quartic couplings (the box integrals cost (nodes per axis)^d). */
    static final int MAX_DIM = 3;

    /** Why the amputated vertex is missing in d &gt; 1 (result files and one stderr line). */
    static String noVertex(int dim) {
        return "the amputated vertex is implemented for d = 1 input spaces only (its cell volumes and locality "
                + "radius are one-dimensional), got d = " + dim + "; the quartic couplings are reported";
    }

    /** Refuses, before any work, runs the couplings cannot analyse: one line, exit 2. */
    static double[] check(String cutoffs, int order, int outputs, int dim) {
        double[] c = CouplingsCommand.parseCutoffs(cutoffs);
        if (order < 4 || outputs != 1 || dim < 1 || dim > MAX_DIM) {
            throw new IllegalArgumentException("--cutoffs needs --order 4 or 6, --outputs 1 and --dim 1.." + MAX_DIM
                    + " (got order " + order + ", " + outputs + " outputs, d = " + dim + ")");
        }
        return c;
    }

    /** The analysis, and the vertex (null if refused) for plots. */
    record Analysis(Map<String, Object> json, AmputatedVertex.Result vertex, AmputatedVertex.Result theory) {
    }

    static Analysis of(Architecture arch, double[][] points, BlockMoments moments, double[] cutoffs) {
        QuarticCouplings q = QuarticCouplings.of(arch, points, moments.tuples(), cutoffs);
        QuarticCouplings.Result r = q.analyse(moments);
        double[] x = new double[points.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = points[i][0];
        }
        double[] exact = ExactMoments.of(arch, points, moments.tuples());
        boolean known = true;
        for (int i = 0; i < exact.length; i++) {
            known &= moments.tuples().order(i) > 4 || Double.isFinite(exact[i]);
        }
        List<Object> quartic = new ArrayList<>();
        for (QuarticCouplings.CutoffCoupling c : r.quartic()) {
            quartic.add(Json.object("cutoff", c.cutoff(), "mean", Json.valueError(c.mean().value(), c.mean().error())));
        }
        Map<String, Object> json = Json.object("quartic", quartic);
        AmputatedVertex.Result v = null;
        AmputatedVertex.Result t = null;
        if (points[0].length != 1) {
            json.put("vertex", Json.object("missing", noVertex(points[0].length)));
            return new Analysis(json, null, null);
        }
        try {
            AmputatedVertex vertex = new AmputatedVertex(x, moments.tuples());
            v = vertex.analyse(moments);
            t = known ? vertex.exact(exact) : null;
        } catch (IllegalArgumentException e) {
            json.put("vertex", Json.object("missing", e.getMessage()));
            return new Analysis(json, null, null);
        }
        if (v.refusal() != null) {
            json.put("vertex", Json.object("condition", v.condition(), "missing", v.refusal()));
            return new Analysis(json, null, null);
        }
        Map<String, Object> vj = Json.object("condition", v.condition(),
                "zeroMomentum", Json.valueError(v.zeroMomentum().value(), v.zeroMomentum().error()),
                "locality", Json.valueError(v.locality().value(), v.locality().error()));
        if (t != null && t.refusal() == null) {
            vj.put("theory", Json.object("zeroMomentum", t.zeroMomentum().value(), "locality", t.locality().value()));
        }
        json.put("vertex", vj);
        return new Analysis(json, v, t != null && t.refusal() == null ? t : null);
    }
}
