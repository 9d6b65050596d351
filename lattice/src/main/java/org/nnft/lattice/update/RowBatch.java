package org.nnft.lattice.update;

import jdk.incubator.vector.DoubleVector;
import org.nnft.engine.kernel.CpuArgs;

import java.util.Arrays;

import static org.nnft.lattice.update.LaneShape.D;
import static org.nnft.lattice.update.LaneShape.DOUBLE_LANES;
import static org.nnft.lattice.update.LaneShape.wholeCalls;
import static org.nnft.lattice.update.MetropolisKernel.GROUP;

/**
 * Inputs of {@link HypercubicMetropolisKernel}, by rows (lines along direction 0) of the colour
 * ({@link LaneBatch#load}): work item i is site {@code x = 2i + r} ({@link HypercubicMetropolisKernel#site}), so the
 * L/2 items of a row are the row's sites {@code 2k + r} with the row's parity r. J_x sums the 2d neighbours in
 * neighbour-table order as {@link HypercubicMetropolisKernel#localField} does: the next and previous site in the row
 * (wrapping at its ends), and the same position in the neighbouring rows in directions 1 .. d-1.
 */
final class RowBatch extends LaneBatch {
    private final double[] field;
    private final int size;
    private final int dim;
    private final int colour;
    private final double kappa;
    /** Row bases of the forward and backward neighbour rows in directions 1 .. d-1 of the loaded row. */
    private final int[] forward;
    private final int[] backward;
    /**
     * The loaded batch in row segments: segment s starts at lane {@code segmentLane[s]} with the site
     * {@code segmentSite[s]} (row base + 2 k0 + r), its sites two apart; a 2D batch is one segment.
     */
    private final int[] segmentLane;
    private final int[] segmentSite;
    private int segments;
    /** Other-colour rows of 2D lattices ({@link #packed}), their keys 2 row + parity (-1: none) and last use. */
    private final double[][] packedRows;
    private final int[] packedKey = {-1, -1, -1};
    private final int[] packedUse = new int[3];
    private int clock;

    RowBatch(CpuArgs args) {
        super(capacity(HypercubicMetropolisKernel.SIZE.of(args), HypercubicMetropolisKernel.DIM.of(args)));
        field = HypercubicMetropolisKernel.FIELD.of(args);
        size = HypercubicMetropolisKernel.SIZE.of(args);
        dim = HypercubicMetropolisKernel.DIM.of(args);
        colour = HypercubicMetropolisKernel.COLOUR.of(args);
        kappa = HypercubicMetropolisKernel.KAPPA.of(args);
        Arrays.fill(a, HypercubicMetropolisKernel.QA.of(args));
        Arrays.fill(b, HypercubicMetropolisKernel.QB.of(args));
        forward = new int[dim];
        backward = new int[dim];
        packedRows = arrays.packed;
        int most = capacity(size, dim) / (size / 2) + 2;
        segmentLane = new int[most];
        segmentSite = new int[most];
    }

    /**
     * Items per batch: a row in 2D (the packed rows serve one row at a time); in more dimensions at least two
     * groups of {@link MetropolisKernel#GROUP} items (several short rows), so that their Philox blocks are shared.
     */
    private static int capacity(int size, int dim) {
        return dim == 2 ? size / 2 : Math.max(size / 2, 2 * GROUP);
    }

    /**
     * Items {@code i0 ..}: one row (or the part of it up to {@code end}) in 2D, whole or partial rows up to the
     * capacity in more dimensions. Item i is site {@code 2i + r}, so lane l has pair index {@code i0 + l}.
     */
    @Override
    int load(int i0, int end, int hits) {
        int limit = Math.min(end, i0 + capacity(size, dim));
        int m = 0;
        segments = 0;
        do {
            m += loadRow(i0 + m, limit, m);
        } while (dim > 2 && i0 + m < limit);
        layout(i0, m, hits);
        return m;
    }

    /** Loads items {@code i ..} of one row, up to {@code limit}, into lanes {@code at ..}; returns their number. */
    private int loadRow(int i, int limit, int at) {
        int perRow = size / 2;
        int row = i / perRow;
        int k0 = i - row * perRow;
        int m = Math.min(limit - i, perRow - k0);
        int rowBase = row * size;
        int parity = 0;
        for (int mu = 1, rest = row, stride = size; mu < dim; mu++, rest /= size, stride *= size) {
            int c = rest % size;
            parity += c;
            forward[mu] = rowBase + (c == size - 1 ? -(size - 1) * stride : stride);
            backward[mu] = rowBase + (c == 0 ? (size - 1) * stride : -stride);
        }
        int r = (colour + parity) & 1;
        segmentLane[segments] = at;
        segmentSite[segments] = rowBase + 2 * k0 + r;
        segments++;
        if (dim == 2) {
            loadPlane(rowBase, 2 * k0 + r, m);
        } else {
            loadAny(rowBase, 2 * k0 + r, m, at);
        }
        return m;
    }

    /**
     * {@link LaneBatch#load} in 2D: lane l is row position {@code c0 + 2l}. The neighbours of a row's sites are the
     * other colour's sites in the same row and in the rows above and below, which {@link #packed} copies into
     * contiguous arrays (each once per launch: a row's other-colour sites serve as the row above, the same row
     * and the row below of three consecutive rows); J is then summed a vector at a time, in the reference order.
     */
    private void loadPlane(int rowBase, int c0, int m) {
        int k0 = c0 >> 1;
        int r = c0 & 1;
        double[] same = packed(rowBase / size, 1 - r);
        double[] up = packed(forward[1] / size, r);
        double[] down = packed(backward[1] / size, r);
        double[] f = field;
        double[] phi = this.phi;
        for (int l = 0; l < m; l++) {
            phi[l] = f[rowBase + c0 + 2 * l];
        }
        double[] jl = this.j;
        DoubleVector vk = DoubleVector.broadcast(D, kappa);
        int padded = wholeCalls(m);
        for (int l = 0; l < padded; l += DOUBLE_LANES) {
            // other-colour site t of a packed row sits at index t + 1; right(k) = t = k + r, left(k) = k + r - 1
            int t = k0 + l + 1;
            DoubleVector.zero(D).add(vk.mul(DoubleVector.fromArray(D, same, t + r)))
                    .add(vk.mul(DoubleVector.fromArray(D, up, t)))
                    .add(vk.mul(DoubleVector.fromArray(D, same, t + r - 1)))
                    .add(vk.mul(DoubleVector.fromArray(D, down, t)))
                    .intoArray(jl, l);
        }
    }

    /**
     * The sites of row {@code row} with row positions {@code 2t + parity}, t = 0 .. L/2 - 1, at indices t + 1,
     * with the wrapped neighbours t = -1 and t = L/2 at indices 0 and L/2 + 1. Three rows are kept (the three
     * a row needs; least recently used goes), valid for one launch, in which the other colour does not change.
     */
    private double[] packed(int row, int parity) {
        int key = 2 * row + parity;
        int victim = 0;
        for (int slot = 0; slot < packedKey.length; slot++) {
            if (packedKey[slot] == key) {
                packedUse[slot] = ++clock;
                return packedRows[slot];
            }
            if (packedUse[slot] < packedUse[victim]) {
                victim = slot;
            }
        }
        double[] out = packedRows[victim];
        int half = size / 2;
        int from = row * size + parity;
        for (int t = 0; t < half; t++) {
            out[t + 1] = field[from + 2 * t];
        }
        out[0] = out[half];
        out[half + 1] = out[1];
        packedKey[victim] = key;
        packedUse[victim] = ++clock;
        return out;
    }

    /** {@link LaneBatch#load} of one row segment in any dimension, site by site, into lanes {@code at ..}. */
    private void loadAny(int rowBase, int c0, int m, int at) {
        int last = size - 1;
        for (int l = 0; l < m; l++) {
            int c = c0 + 2 * l;
            int x = rowBase + c;
            double jx = 0.0;
            jx += kappa * field[c == last ? x - last : x + 1];
            for (int mu = 1; mu < dim; mu++) {
                jx += kappa * field[forward[mu] + c];
            }
            jx += kappa * field[c == 0 ? x + last : x - 1];
            for (int mu = 1; mu < dim; mu++) {
                jx += kappa * field[backward[mu] + c];
            }
            set(at + l, jx, a[at + l], b[at + l], field[x]);
        }
    }

    @Override
    void store(int i0, int m, double[] accepted, double[] counts) {
        for (int s = 0; s < segments; s++) {
            int from = segmentLane[s];
            int to = s + 1 < segments ? segmentLane[s + 1] : m;
            int x = segmentSite[s] - 2 * from;
            for (int l = from; l < to; l++) {
                field[x + 2 * l] = phi[l];
            }
        }
        System.arraycopy(counts, 0, accepted, i0, m);
    }
}
