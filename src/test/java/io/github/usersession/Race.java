package io.github.usersession;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs tasks each on a thread of its own, all released at the same moment, and returns their results in order.
 */
// A task that fails or times out fails the test through get(); the threads are stopped whatever happens.
public final class Race {

    private Race() {
    }

    /** The same task on {@code threads} threads at once; each result is awaited for at most {@code timeout}. */
    public static <T> List<T> run(int threads, Callable<T> task, Duration timeout) throws Exception {
        return run(Collections.nCopies(threads, task), timeout);
    }

    /** Each task on a thread of its own, all at once; each result is awaited for at most {@code timeout}. */
    public static <T> List<T> run(List<? extends Callable<? extends T>> tasks, Duration timeout) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<? extends T>> running = new ArrayList<>();
            for (Callable<? extends T> task : tasks) {
                running.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<? extends T> result : running) {
                results.add(result.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
