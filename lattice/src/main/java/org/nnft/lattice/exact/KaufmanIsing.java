package org.nnft.lattice.exact;

/**
 * Exact partition function of the 2D Ising model {@code Z = sum_s exp(K sum_<ij> s_i s_j)} on an m x n torus
 * (B. Kaufman, Phys. Rev. 76, 1232 (1949)), for any m, n >= 2 (for m or n = 2 the two links between the same
 * pair of rows/columns are distinct, as in {@link org.nnft.lattice.geometry.Lattice}):
 * <pre>
 *   Z = (1/2) (2 sinh 2K)^{mn/2} [ prod_r 2 cosh(m g_{2r+1}/2) + prod_r 2 sinh(m g_{2r+1}/2)
 *                                + prod_r 2 cosh(m g_{2r}/2)   + prod_r 2 sinh(m g_{2r}/2) ],   r = 0..n-1,
 *   cosh g_l = cosh 2K coth 2K - cos(pi l / n)  (g_l > 0, l >= 1),   g_0 = 2K + ln tanh K  (signed).
 * </pre>
 * The sign of g_0 (negative for K < K_c) makes the last product negative in the disordered phase.
 * Derivatives in K are analytic (no finite differences): the l = 0 factor, which vanishes at K_c in the
 * sinh product, is differentiated separately; everything else in log form, so L ~ 10^4 is fine.
 *
 * <p>Conventions: energy {@code H = -sum_<ij> s_i s_j} (J = 1, K = beta J), per site
 * {@code e = <H>/N = -(1/N) d ln Z/dK} and specific heat {@code c = (K^2/N) d^2 ln Z/dK^2}, N = mn.
 */
public final class KaufmanIsing {
    /** K_c = ln(1 + sqrt 2)/2. */
    public static final double CRITICAL_COUPLING = 0.5 * Math.log(1 + Math.sqrt(2));

    /** ln Z and its first two K-derivatives. */
    public record Derivatives(double logZ, double dLogZ, double d2LogZ) {
    }

    private final int m;
    private final int n;

    /**
     * @param m rows (the transfer direction)
     * @param n columns
     */
    public KaufmanIsing(int m, int n) {
        if (m < 2) {
            throw new IllegalArgumentException("m must be >= 2, got " + m);
        }
        if (n < 2) {
            throw new IllegalArgumentException("n must be >= 2, got " + n);
        }
        this.m = m;
        this.n = n;
    }

    /** The square L x L torus. */
    public static KaufmanIsing square(int size) {
        return new KaufmanIsing(size, size);
    }

    /** Number of sites N = mn. */
    public int sites() {
        return m * n;
    }

    public double logPartitionFunction(double k) {
        return derivatives(k).logZ();
    }

    /** {@code <H>/N = -(1/N) d ln Z/dK}, in [-2, 0] for K > 0. */
    public double energyPerSite(double k) {
        return -derivatives(k).dLogZ() / sites();
    }

    /** {@code c = (K^2/N) d^2 ln Z/dK^2 = K^2 (<H^2> - <H>^2)/N}. */
    public double specificHeatPerSite(double k) {
        return k * k * derivatives(k).d2LogZ() / sites();
    }

    /** ln Z, d ln Z/dK and d^2 ln Z/dK^2 at coupling K (0 < K <= 20). */
    public Derivatives derivatives(double k) {
        if (!(k > 0) || k > 20) {
            throw new IllegalArgumentException("K must be in (0, 20], got " + k);
        }
        double s2 = Math.sinh(2 * k);
        double c2 = Math.cosh(2 * k);
        double c = c2 * c2 / s2;
        double dc = 2 * c2 * (1 - 1 / (s2 * s2));
        double d2c = 4 * s2 - 4 / s2 + 8 * c2 * c2 / (s2 * s2 * s2);
        // u_l = m g_l / 2 and its K-derivatives, l = 0..2n-1
        double[] u = new double[2 * n];
        double[] du = new double[2 * n];
        double[] d2u = new double[2 * n];
        u[0] = 0.5 * m * (2 * k + Math.log(Math.tanh(k)));
        du[0] = 0.5 * m * (2 + 2 / s2);
        d2u[0] = 0.5 * m * (-4 * c2 / (s2 * s2));
        for (int l = 1; l < 2 * n; l++) {
            double ch = c - Math.cos(Math.PI * l / n);
            double g = Math.log(ch + Math.sqrt(ch * ch - 1));
            double sh = Math.sinh(g);
            double dg = dc / sh;
            u[l] = 0.5 * m * g;
            du[l] = 0.5 * m * dg;
            d2u[l] = 0.5 * m * (d2c - ch * dg * dg) / sh;
        }
        // the four products as e^S (p, p', p'')
        double[][] terms = {
                product(u, du, d2u, 1, false), product(u, du, d2u, 1, true),
                product(u, du, d2u, 0, false), product(u, du, d2u, 0, true)};
        double smax = Double.NEGATIVE_INFINITY;
        for (double[] t : terms) {
            smax = Math.max(smax, t[0]);
        }
        double p = 0, dp = 0, d2p = 0;
        for (double[] t : terms) {
            double w = Math.exp(t[0] - smax);
            p += w * t[1];
            dp += w * t[2];
            d2p += w * t[3];
        }
        double half = 0.5 * m * n;
        double logZ = Math.log(0.5) + half * Math.log(2 * s2) + smax + Math.log(p);
        double dLogZ = half * 2 * c2 / s2 + dp / p;
        double d2LogZ = -half * 4 / (s2 * s2) + d2p / p - (dp / p) * (dp / p);
        return new Derivatives(logZ, dLogZ, d2LogZ);
    }

    /**
     * {@code prod_{r=0}^{n-1} F(u_{2r+offset})}, F = 2 sinh or 2 cosh, as {S, p, p', p''} with product = e^S p,
     * its K-derivatives e^S p', e^S p''. Factors with l >= 1 (u > 0) in log form; the l = 0 factor exactly.
     */
    private double[] product(double[] u, double[] du, double[] d2u, int offset, boolean sinh) {
        double s = 0, g = 0, h = 0;
        for (int r = offset == 0 ? 1 : 0; r < n; r++) {
            int l = 2 * r + offset;
            double e = Math.exp(-2 * u[l]);
            s += u[l] + Math.log(sinh ? -Math.expm1(-2 * u[l]) : 1 + e);
            double t = sinh ? (1 + e) / -Math.expm1(-2 * u[l]) : (1 - e) / (1 + e); // coth u or tanh u
            g += t * du[l];
            h += (1 - t * t) * du[l] * du[l] + t * d2u[l];
        }
        if (offset != 0) {
            return new double[] {s, 1, g, g * g + h};
        }
        // l = 0: f = F(u0), f' = F'(u0) u0', f'' = F(u0) u0'^2 + F'(u0) u0'' (F'' = F), scaled by e^{-|u0|}
        double a = Math.abs(u[0]);
        double ep = Math.exp(u[0] - a);
        double em = Math.exp(-u[0] - a);
        double f = sinh ? ep - em : ep + em;
        double fp = sinh ? ep + em : ep - em;
        double f1 = fp * du[0];
        double f2 = f * du[0] * du[0] + fp * d2u[0];
        return new double[] {s + a, f, f1 + f * g, f2 + 2 * f1 * g + f * (g * g + h)};
    }
}
