package org.nnft.backend.cpu;

import org.nnft.engine.EngineException;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The backend's own worker threads. {@link #run} executes numbered tasks and returns when all are
 * done; which thread runs a task never matters because callers give every task a fixed, disjoint
 * piece of output. With one thread (or one task) everything runs on the calling thread.
 */
final class WorkPool implements AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int threads;
    private final ForkJoinPool pool;

    WorkPool(int threads) {
        this.threads = threads;
        if (threads == 1) {
            this.pool = null;
        } else {
            String prefix = "nnft-cpu-" + POOLS.incrementAndGet() + "-";
            AtomicInteger next = new AtomicInteger();
            this.pool = new ForkJoinPool(threads, p -> {
                ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
                t.setName(prefix + next.incrementAndGet());
                t.setDaemon(true);
                return t;
            }, null, false);
        }
    }

    /** Number of worker threads. */
    int threads() {
        return threads;
    }

    /** Runs {@code task.accept(t)} for every {@code t} in {@code [0, tasks)} and waits for all of them. */
    void run(int tasks, IntConsumer task) {
        if (tasks <= 0) {
            return;
        }
        if (pool == null || tasks == 1) {
            for (int t = 0; t < tasks; t++) {
                task.accept(t);
            }
            return;
        }
        if (pool.isShutdown()) {
            throw new EngineException("cpu backend: worker pool is shut down");
        }
        pool.invoke(new Split(task, 0, tasks));
    }

    /**
     * Splits {@code [0, total)} into {@code tasks} contiguous, near-equal pieces and runs
     * {@code body.run(from, to)} on each; the pieces depend only on {@code total} and {@code tasks}.
     */
    void runRanges(long total, int tasks, RangeBody body) {
        run(tasks, t -> body.run(total * t / tasks, total * (t + 1) / tasks));
    }

    /** A number of tasks for {@code total} items of which one task should get at least {@code grain}. */
    int tasksFor(long total, long grain) {
        long byGrain = Math.max(1, total / Math.max(1, grain));
        return (int) Math.min(byGrain, 4L * threads);
    }

    /** Stops the worker threads; idempotent. */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /** A piece of work on a half-open range. */
    @FunctionalInterface
    interface RangeBody {
        void run(long from, long to);
    }

    /** Binary splitting of task numbers over the fork-join pool. */
    private static final class Split extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final transient IntConsumer task;
        private final int from;
        private final int to;

        Split(IntConsumer task, int from, int to) {
            this.task = task;
            this.from = from;
            this.to = to;
        }

        @Override
        protected void compute() {
            if (to - from == 1) {
                task.accept(from);
                return;
            }
            int mid = (from + to) >>> 1;
            invokeAll(new Split(task, from, mid), new Split(task, mid, to));
        }
    }
}
