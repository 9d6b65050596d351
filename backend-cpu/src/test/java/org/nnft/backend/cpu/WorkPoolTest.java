package org.nnft.backend.cpu;

import org.junit.jupiter.api.Test;
import org.nnft.engine.EngineException;

import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The worker pool's contract: every task once per run, shares taken over from a slow participant, failures and
 * re-entry handled.
 */
class WorkPoolTest {
    /** Guard against a hang only; no assertion depends on how fast anything runs. */
    private static final long GUARD_SECONDS = 60;

    @Test
    void everyTaskRunsExactlyOnce() {
        try (WorkPool pool = new WorkPool(3)) {
            for (int tasks : new int[] {1, 2, 3, 7, 12, 100}) {
                AtomicIntegerArray count = new AtomicIntegerArray(tasks);
                for (int repeat = 0; repeat < 50; repeat++) {
                    pool.run(tasks, count::incrementAndGet);
                }
                for (int t = 0; t < tasks; t++) {
                    assertEquals(50, count.get(t), "task " + t + " of " + tasks);
                }
            }
        }
    }

    /**
     * The worker's share is [4, 8) of 8 tasks on 2 threads. A task on the worker blocks until the caller has run
     * three of the worker's tasks, so the caller, done with its own share, must take over the worker's tasks not
     * yet started: at most one of them (the one the worker is blocked in) is left to the worker. No sleeps: a
     * pool that does not take over fails on the guard timeout instead of passing by luck.
     */
    @Test
    void aSlowParticipantsShareIsTakenOverByTheOthers() {
        try (WorkPool pool = new WorkPool(2)) {
            Thread caller = Thread.currentThread();
            ConcurrentHashMap<Integer, Thread> runner = new ConcurrentHashMap<>();
            AtomicIntegerArray count = new AtomicIntegerArray(8);
            AtomicInteger takenByCaller = new AtomicInteger();
            CountDownLatch threeTakenOver = new CountDownLatch(1);
            pool.run(8, t -> {
                count.incrementAndGet(t);
                runner.put(t, Thread.currentThread());
                if (Thread.currentThread() == caller) {
                    if (t >= 4 && takenByCaller.incrementAndGet() == 3) {
                        threeTakenOver.countDown();
                    }
                } else {
                    awaitGuarded(threeTakenOver);
                }
            });
            int taken = 0;
            for (int t = 0; t < 8; t++) {
                assertEquals(1, count.get(t), "task " + t);
                taken += t >= 4 && runner.get(t) == caller ? 1 : 0;
            }
            assertTrue(taken >= 3, "the caller took over at least 3 of the slow worker's 4 tasks, took " + taken);
        }
    }

    @Test
    void aTaskFailureReachesTheCallerAndThePoolStaysUsable() {
        try (WorkPool pool = new WorkPool(2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.run(8, t -> {
                if (t == 6) {
                    throw new IllegalStateException("task 6");
                }
            }));
            assertEquals("task 6", e.getMessage());
            AtomicIntegerArray count = new AtomicIntegerArray(8);
            pool.run(8, count::incrementAndGet);
            for (int t = 0; t < 8; t++) {
                assertEquals(1, count.get(t));
            }
        }
    }

    @Test
    void nestedAndConcurrentRunsComplete() throws Exception {
        try (WorkPool pool = new WorkPool(2); ExecutorService callers = Executors.newFixedThreadPool(3)) {
            AtomicIntegerArray inner = new AtomicIntegerArray(4 * 5);
            pool.run(4, t -> pool.run(5, u -> inner.incrementAndGet(5 * t + u)));
            for (int i = 0; i < inner.length(); i++) {
                assertEquals(1, inner.get(i), "nested task " + i);
            }
            AtomicIntegerArray count = new AtomicIntegerArray(3 * 6);
            Future<?>[] f = new Future<?>[3];
            for (int c = 0; c < 3; c++) {
                int caller = c;
                f[c] = callers.submit(() -> {
                    for (int r = 0; r < 200; r++) {
                        pool.run(6, t -> count.incrementAndGet(6 * caller + t));
                    }
                });
            }
            for (Future<?> x : f) {
                x.get();
            }
            for (int i = 0; i < count.length(); i++) {
                assertEquals(200, count.get(i), "concurrent task " + i);
            }
        }
    }

    /**
     * Workers are counted while all three participants are held inside a task of the first run (a thread in a task
     * cannot retire; after a 20 ms idle timeout a worker that has finished may already have retired when some
     * other task runs), then awaited until they retire; every tenth later run starts from a fully retired pool,
     * so the come-back path is exercised on every run of the test. Each thread's first task waits for the other
     * two threads; three such tasks leave three for a late thread, so the barrier is always reached.
     */
    @Test
    void idleWorkersRetireAndComeBack() {
        try (WorkPool pool = new WorkPool(3, 20_000_000L)) {
            assertEquals(0, pool.liveWorkers(), "threads start with the first parallel run");
            AtomicIntegerArray count = new AtomicIntegerArray(6);
            AtomicInteger liveWhileAllInTasks = new AtomicInteger(-1);
            CyclicBarrier allInTasks = new CyclicBarrier(3, () -> liveWhileAllInTasks.set(pool.liveWorkers()));
            Set<Thread> arrived = ConcurrentHashMap.newKeySet();
            pool.run(6, t -> {
                count.incrementAndGet(t);
                if (arrived.add(Thread.currentThread())) {
                    awaitGuarded(allInTasks);
                }
            });
            assertEquals(2, liveWhileAllInTasks.get(), "live workers while every participant is in a task");
            awaitRetired(pool);
            for (int r = 0; r < 100; r++) {
                pool.run(6, count::incrementAndGet);
                if (r % 10 == 0) {
                    awaitRetired(pool);
                }
            }
            for (int t = 0; t < 6; t++) {
                assertEquals(101, count.get(t));
            }
        }
    }

    @Test
    void aClosedPoolRefusesWork() {
        WorkPool pool = new WorkPool(2);
        pool.close();
        assertThrows(EngineException.class, () -> pool.run(4, t -> { }));
    }

    /** Waits for the latch; the timeout only guards against a hang (a pool that never takes over). */
    private static void awaitGuarded(CountDownLatch latch) {
        try {
            assertTrue(latch.await(GUARD_SECONDS, TimeUnit.SECONDS), "the caller never took over the worker's share");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits at the barrier; the timeout only guards against a hang. */
    private static void awaitGuarded(CyclicBarrier barrier) {
        try {
            barrier.await(GUARD_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (BrokenBarrierException | TimeoutException e) {
            throw new AssertionError("the three participants never were in a task together", e);
        }
    }

    /** Waits until every worker thread has retired; the deadline only guards against a hang. */
    private static void awaitRetired(WorkPool pool) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GUARD_SECONDS);
        while (pool.liveWorkers() > 0) {
            assertTrue(System.nanoTime() < deadline, "idle workers never retired");
            Thread.onSpinWait();
            LockSupport.parkNanos(1_000_000L);
        }
    }
}
