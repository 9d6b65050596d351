package org.nnft.ensemble.deform;

import org.nnft.ensemble.arch.CosNet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The exact first-order shift of the connected correlators of a cos-net under a deformation,
 * through order 1/N. Tilting a density by {@code exp(-S_int)} moves every joint cumulant by
 * {@code d kappa(phi_1..phi_n) = -kappa(phi_1..phi_n, S_int) + O(V^2)}; with
 * {@code S_int = h^d sum_g sum_k c_k phi(y_g)^k} the joint cumulant with the composite
 * {@code phi(y)^k} is the sum, over set partitions of the n external fields and k copies of
 * phi(y) whose blocks connect all of them, of the products of the free cumulants of the blocks
 * (Leonov-Shiryaev). Blocks of 2 are G2 and blocks of 4 are G4_c, both exact at every N
 * ({@link CosNet#twoPoint}, {@link CosNet#connectedFourPoint}); partitions with a block of 6 or more,
 * or with two blocks of 4, are O(1/N^2) and left out. Hence:
 * <ul>
 * <li>mass shift, n = 2: exact at every N: {@code -dm^2 int G G - (dm^2/2) int G4_c(x1,x2,y,y)};</li>
 * <li>phi^4 at N = infinity: the tree-level contact diagram {@code -lambda int prod G} (n = 4) and the
 * tadpole {@code -(lambda/2) G(0) int G G} (n = 2), plus their O(1/N) corrections, up to O(1/N^2).</li>
 * </ul>
 * The integral is the box's own midpoint rule, so the prediction and the samplers share the
 * quadrature. {@link #infiniteWidth} keeps only the pair partitions (the N = infinity diagrams).
 */
public final class FirstOrderShift {

    private final CosNet net;
    private final Deformation deformation;
    private final boolean withFourPoint;
    private final Map<String, Double> cache = new HashMap<>();

    private FirstOrderShift(CosNet net, Deformation deformation, boolean withFourPoint) {
        if (net == null || deformation == null) {
            throw new IllegalArgumentException("net and deformation must not be null");
        }
        if (net.inputDimension() != deformation.box().dimension()) {
            throw new IllegalArgumentException("deformation: box dimension differs from the net's input dimension");
        }
        this.net = net;
        this.deformation = deformation;
        this.withFourPoint = withFourPoint;
    }

    /** The shift through O(1/N) (pair partitions and single G4_c blocks). */
    public static FirstOrderShift of(CosNet net, Deformation deformation) {
        return new FirstOrderShift(net, deformation, true);
    }

    /** The N = infinity shift: the Feynman diagrams of the Gaussian field (pair partitions only). */
    public static FirstOrderShift infiniteWidth(CosNet net, Deformation deformation) {
        return new FirstOrderShift(net, deformation, false);
    }

    /** First-order shift of the connected correlator G_c(x_1..x_n), n = 1..6. */
    public double connected(double[]... x) {
        if (x == null || x.length < 1 || x.length > 6) {
            throw new IllegalArgumentException("x must hold 1 to 6 points");
        }
        IntegrationBox box = deformation.box();
        Potential v = deformation.potential();
        double[] coefficient = {v.quadratic(), v.quartic(), v.sextic()};
        double total = 0;
        for (int g = 0; g < box.nodeCount(); g++) {
            double[] y = box.node(g);
            for (int j = 0; j < 3; j++) {
                if (coefficient[j] != 0) {
                    total += coefficient[j] * compositeCumulant(x, y, 2 * (j + 1));
                }
            }
        }
        return -box.cellVolume() * total;
    }

    /** kappa(phi(x_1), .., phi(x_n), phi(y)^k) through O(1/N). */
    private double compositeCumulant(double[][] x, double[] y, int k) {
        int n = x.length;
        double[][] legs = new double[n + k][];
        int[] vertex = new int[n + k];
        for (int i = 0; i < n; i++) {
            legs[i] = x[i];
            vertex[i] = i;
        }
        for (int i = n; i < n + k; i++) {
            legs[i] = y;
            vertex[i] = n;
        }
        if ((n + k) % 2 != 0) {
            return 0;   // odd cumulants of the free cos-net vanish
        }
        List<int[][]> partitions = new ArrayList<>();
        partitions(new boolean[n + k], new ArrayList<>(), partitions);
        double sum = 0;
        for (int[][] p : partitions) {
            if (!connected(p, vertex, n + 1)) {
                continue;
            }
            double product = 1;
            for (int[] block : p) {
                double[][] pts = new double[block.length][];
                for (int j = 0; j < block.length; j++) {
                    pts[j] = legs[block[j]];
                }
                product *= cumulant(pts);
            }
            sum += product;
        }
        return sum;
    }

    /** Set partitions into blocks of 2 and (if enabled) at most one block of 4. */
    private void partitions(boolean[] used, List<int[]> blocks, List<int[][]> out) {
        int first = -1;
        for (int i = 0; i < used.length; i++) {
            if (!used[i]) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            out.add(blocks.toArray(new int[0][]));
            return;
        }
        used[first] = true;
        for (int a = first + 1; a < used.length; a++) {
            if (used[a]) {
                continue;
            }
            used[a] = true;
            blocks.add(new int[]{first, a});
            partitions(used, blocks, out);
            blocks.remove(blocks.size() - 1);
            if (withFourPoint && blocks.stream().noneMatch(b -> b.length == 4)) {
                for (int b = a + 1; b < used.length; b++) {
                    if (used[b]) {
                        continue;
                    }
                    used[b] = true;
                    for (int c = b + 1; c < used.length; c++) {
                        if (used[c]) {
                            continue;
                        }
                        used[c] = true;
                        blocks.add(new int[]{first, a, b, c});
                        partitions(used, blocks, out);
                        blocks.remove(blocks.size() - 1);
                        used[c] = false;
                    }
                    used[b] = false;
                }
            }
            used[a] = false;
        }
        used[first] = false;
    }

    private static boolean connected(int[][] partition, int[] vertex, int vertices) {
        int[] parent = new int[vertices];
        for (int i = 0; i < vertices; i++) {
            parent[i] = i;
        }
        for (int[] block : partition) {
            for (int j = 1; j < block.length; j++) {
                int a = find(parent, vertex[block[0]]);
                int b = find(parent, vertex[block[j]]);
                parent[a] = b;
            }
        }
        int root = find(parent, 0);
        for (int i = 1; i < vertices; i++) {
            if (find(parent, i) != root) {
                return false;
            }
        }
        return true;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            i = parent[i];
        }
        return i;
    }

    private double cumulant(double[][] pts) {
        String key = Arrays.deepToString(pts);
        Double known = cache.get(key);
        if (known != null) {
            return known;
        }
        double value = pts.length == 2 ? net.twoPoint(pts[0], 0, pts[1], 0)
                : net.connectedFourPoint(pts, new int[4]);
        cache.put(key, value);
        return value;
    }
}
