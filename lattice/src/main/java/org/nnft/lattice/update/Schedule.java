package org.nnft.lattice.update;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A sweep as a fixed sequence of updates, e.g. 1 Metropolis + 1 overrelaxation + k cluster updates.
 * Each entry is applied {@code repeat} times in order; each application is one elementary step.
 */
public final class Schedule {
    private final List<Update> sequence;

    private Schedule(List<Update> sequence) {
        if (sequence.isEmpty()) {
            throw new IllegalArgumentException("schedule must contain at least one update");
        }
        this.sequence = List.copyOf(sequence);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The elementary updates of one sweep, in order (repeated updates appear repeatedly). */
    public List<Update> sequence() {
        return sequence;
    }

    /** The distinct updates, in order of first appearance. */
    public List<Update> distinct() {
        List<Update> out = new ArrayList<>();
        for (Update u : sequence) {
            if (!out.contains(u)) {
                out.add(u);
            }
        }
        return out;
    }

    /** Builder. */
    public static final class Builder {
        private final List<Update> sequence = new ArrayList<>();

        public Builder then(Update update, int repeat) {
            if (repeat < 1) {
                throw new IllegalArgumentException("repeat must be >= 1, got " + repeat);
            }
            Objects.requireNonNull(update, "update");
            for (int i = 0; i < repeat; i++) {
                sequence.add(update);
            }
            return this;
        }

        public Builder then(Update update) {
            return then(update, 1);
        }

        public Schedule build() {
            return new Schedule(sequence);
        }
    }
}
