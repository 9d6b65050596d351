package org.nnft.lattice.learn;

import org.nnft.engine.Backend;
import org.nnft.engine.random.RandomStreams;
import org.nnft.lattice.action.Couplings;
import org.nnft.lattice.geometry.Lattice;
import org.nnft.lattice.update.DeviceCouplings;
import org.nnft.lattice.update.LatticeField;
import org.nnft.lattice.update.Metropolis;
import org.nnft.lattice.update.Overrelaxation;
import org.nnft.lattice.update.StreamMap;
import org.nnft.lattice.update.Update;

/**
 * A persistent Markov chain whose couplings may change between calls, as training needs: each
 * {@link #sample} continues from the last field (so a small change of the couplings needs little
 * thermalisation) with one Metropolis and one overrelaxation sweep per sweep. The Metropolis step size carries
 * over and adapts during the thermalisation sweeps of each call. The elementary step counter never restarts, so
 * no random number is reused; the chain is a pure function of the seed and the sequence of calls.
 * Random start {@code phi_x = 2u - 1} from stream {@link StreamMap#INITIAL}.
 */
public final class ModelSampler implements AutoCloseable {
    private final Backend backend;
    private final Lattice lattice;
    private final LatticeField field;
    private final long seed;
    private long step;
    private double delta = 1.0;

    public ModelSampler(Backend backend, Lattice lattice, long seed) {
        this.backend = backend;
        this.lattice = lattice;
        this.seed = seed;
        double[] start = new double[lattice.volume()];
        for (int x = 0; x < start.length; x++) {
            start[x] = 2.0 * RandomStreams.uniformDouble(seed, StreamMap.INITIAL, x) - 1.0;
        }
        this.field = new LatticeField(backend, start);
    }

    /**
     * {@code thermalize} sweeps, then {@code count} configurations taken every {@code every} sweeps, all at
     * {@code couplings} (on this sampler's lattice).
     */
    public double[][] sample(Couplings couplings, int thermalize, int count, int every) {
        if (couplings.lattice().dim() != lattice.dim() || couplings.lattice().size() != lattice.size()) {
            throw new IllegalArgumentException("couplings live on " + couplings.lattice() + ", sampler on " + lattice);
        }
        if (thermalize < 0 || count < 1 || every < 1) {
            throw new IllegalArgumentException("thermalize must be >= 0, count and every >= 1; got "
                    + thermalize + ", " + count + ", " + every);
        }
        double[][] out = new double[count][];
        try (DeviceCouplings dc = new DeviceCouplings(backend, couplings)) {
            Metropolis metropolis = new Metropolis(dc, delta, 1);
            Update overrelaxation = new Overrelaxation(dc);
            for (int s = 0; s < thermalize; s++) {
                metropolis.adapt(metropolis.apply(field, seed, step++));
                overrelaxation.apply(field, seed, step++);
            }
            delta = metropolis.tuning();
            for (int n = 0; n < count; n++) {
                for (int s = 0; s < every; s++) {
                    metropolis.apply(field, seed, step++);
                    overrelaxation.apply(field, seed, step++);
                }
                out[n] = field.snapshot();
            }
        }
        return out;
    }

    public Lattice lattice() {
        return lattice;
    }

    @Override
    public void close() {
        field.close();
    }
}
