package org.nnft.backend.cpu;

import org.nnft.engine.EngineException;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The backend's own worker threads. {@link #run} executes numbered tasks and returns when all are done;
 * which thread runs a task never matters for the result, because callers give every task a fixed, disjoint
 * piece of output.
 *
 * <p>It does matter for speed. Of {@code tasks} tasks, participant p (the calling thread is participant 0, the
 * {@code threads - 1} workers the others) owns the contiguous share {@code [p tasks / threads, (p + 1) tasks /
 * threads)} and runs it first, in order; launch after launch the same thread then touches the same part of an
 * array (a lattice sweep stays in each core's cache). A participant that has finished its share then takes the
 * tasks not yet started from the other shares, so a slower core (a laptop's efficiency core, a busy host's
 * vCPU) does not hold up the whole launch; with cores of equal speed that happens only at the very end, if at
 * all. Idle workers spin briefly ({@value #SPIN_NANOS} ns) before they park, because kernel launches tend to
 * come back to back. A call made while the pool is busy (from another thread, or from inside a task) runs its
 * tasks on the calling thread.
 */
final class WorkPool implements AutoCloseable {
    /** How long an idle thread polls before it parks: about the gap between two back-to-back launches. */
    static final long SPIN_NANOS = 100_000;
    /** How long an idle worker thread lives on, by default. */
    static final long IDLE_NANOS = 60_000_000_000L;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int threads;
    private final Worker[] workers;
    private final AtomicBoolean busy = new AtomicBoolean();
    /** Bumped once per job; a worker starts a job when it sees a new value. */
    private final AtomicInteger generation = new AtomicInteger();
    /** Workers still running the current job. */
    private final AtomicInteger running = new AtomicInteger();
    /** Per participant: the next task of its share not yet claimed (by it or by a helper) in the current job. */
    private final AtomicInteger[] next;
    private volatile IntConsumer job;
    private volatile int jobTasks;
    private volatile Throwable failure;
    private volatile Thread caller;
    private volatile boolean closed;
    private final String prefix;
    private final long idleNanos;

    WorkPool(int threads) {
        this(threads, IDLE_NANOS);
    }

    /** A pool whose idle worker threads retire after {@code idleNanos}. */
    WorkPool(int threads, long idleNanos) {
        this.threads = threads;
        this.idleNanos = idleNanos;
        this.workers = new Worker[threads - 1];
        this.next = new AtomicInteger[threads];
        for (int p = 0; p < threads; p++) {
            next[p] = new AtomicInteger();
        }
        this.prefix = "nnft-cpu-" + POOLS.incrementAndGet() + "-";
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Worker(w + 1);
        }
    }

    /** Number of worker threads now running (idle ones retire), the calling thread not included. */
    int liveWorkers() {
        int n = 0;
        for (Worker w : workers) {
            n += w.alive.get() ? 1 : 0;
        }
        return n;
    }

    /** Number of worker threads, the calling thread included. */
    int threads() {
        return threads;
    }

    /** Runs {@code task.accept(t)} for every {@code t} in {@code [0, tasks)} and waits for all of them. */
    void run(int tasks, IntConsumer task) {
        if (tasks <= 0) {
            return;
        }
        if (closed) {
            throw new EngineException("cpu backend: worker pool is shut down");
        }
        if (workers.length == 0 || tasks == 1 || !busy.compareAndSet(false, true)) {
            for (int t = 0; t < tasks; t++) {
                task.accept(t);
            }
            return;
        }
        try {
            job = task;
            jobTasks = tasks;
            failure = null;
            caller = Thread.currentThread();
            for (int p = 0; p < threads; p++) {
                next[p].set(shareStart(p, tasks));
            }
            running.set(workers.length);
            int g = generation.incrementAndGet();
            for (Worker w : workers) {
                if (!w.alive.get() && w.alive.compareAndSet(false, true)) {
                    w.start(g - 1);
                } else if (w.parked) {
                    LockSupport.unpark(w.thread);
                }
            }
            try {
                work(0, tasks, task);
            } catch (RuntimeException | Error e) {
                fail(e);
            }
            awaitWorkers();
            job = null;
            Throwable f = failure;
            if (f instanceof RuntimeException r) {
                throw r;
            }
            if (f instanceof Error e) {
                throw e;
            }
        } finally {
            busy.set(false);
        }
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
        closed = true;
        for (Worker w : workers) {
            Thread t = w.thread;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    /** First task of participant {@code p}'s share; the share ends where participant p + 1's starts. */
    private int shareStart(int p, int tasks) {
        return (int) ((long) p * tasks / threads);
    }

    /**
     * Participant {@code p}'s part of a job: its own share in order, then the unclaimed tasks of the following
     * participants' shares (each task is claimed once, through its share's counter).
     */
    private void work(int p, int tasks, IntConsumer task) {
        for (int k = 0; k < threads; k++) {
            int q = (p + k) % threads;
            int end = shareStart(q + 1, tasks);
            AtomicInteger counter = next[q];
            for (int t = counter.getAndIncrement(); t < end; t = counter.getAndIncrement()) {
                task.accept(t);
            }
        }
    }

    private void fail(Throwable e) {
        synchronized (this) {
            if (failure == null) {
                failure = e;
            }
        }
    }

    /** The caller's wait for the workers: spin, then park until the last one unparks it. */
    private void awaitWorkers() {
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (running.get() != 0) {
            if (System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            } else if (closed && !anyWorkerAlive()) {
                throw new EngineException("cpu backend: worker pool was shut down during a launch");
            } else {
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
    }

    private boolean anyWorkerAlive() {
        for (Worker w : workers) {
            if (w.alive.get()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Participant {@code participant}'s thread: waits for a new generation, runs its share, reports completion.
     * A thread idle for {@code idleNanos} retires (so an abandoned pool does not keep threads forever);
     * the next {@link #run} starts a new one.
     */
    private final class Worker {
        private final int participant;
        /** Whether a thread serves this participant (set by whoever starts one, cleared by a retiring one). */
        private final AtomicBoolean alive = new AtomicBoolean();
        private volatile Thread thread;
        private volatile boolean parked;

        Worker(int participant) {
            this.participant = participant;
        }

        /** A new thread that serves the generations after {@code seen}. */
        void start(int seen) {
            Thread t = new Thread(() -> serve(seen), prefix + participant);
            t.setDaemon(true);
            thread = t;
            t.start();
        }

        private void serve(int seen) {
            while (true) {
                int g = awaitJob(seen);
                if (g == seen) {
                    alive.set(false);
                    // Retire, unless a job was published meanwhile and no replacement was started for it.
                    if (closed || generation.get() == seen || !alive.compareAndSet(false, true)) {
                        return;
                    }
                    continue;
                }
                seen = g;
                try {
                    work(participant, jobTasks, job);
                } catch (RuntimeException | Error e) {
                    fail(e);
                }
                if (running.decrementAndGet() == 0) {
                    LockSupport.unpark(caller);
                }
            }
        }

        /** The next generation after {@code seen}; {@code seen} itself once the pool is closed or idle too long. */
        private int awaitJob(int seen) {
            long start = System.nanoTime();
            while (true) {
                int g = generation.get();
                if (g != seen) {
                    return g;
                }
                long idle = System.nanoTime() - start;
                if (closed || idle > idleNanos) {
                    return seen;
                }
                if (idle < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    parked = true;
                    if (generation.get() == seen && !closed) {
                        LockSupport.parkNanos(this, idleNanos);
                    }
                    parked = false;
                }
            }
        }
    }

    /** A piece of work on a half-open range. */
    @FunctionalInterface
    interface RangeBody {
        void run(long from, long to);
    }
}
