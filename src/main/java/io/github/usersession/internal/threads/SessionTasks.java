package io.github.usersession.internal.threads;

import java.util.concurrent.Callable;
import java.util.function.Supplier;

import jakarta.enterprise.concurrent.spi.ThreadContextRestorer;

/**
 * Tasks wrapped to run with the user session of the thread that wrapped them, for threads that no container manages:
 * plain executors, the common pool of {@code CompletableFuture}. A wrapped task may run any number of times, on any
 * threads, at once: each run is a binding of its own.
 */
public final class SessionTasks {

    private SessionTasks() {
    }

    public static Runnable runnable(Runnable task) {
        SessionSnapshot snapshot = SessionSnapshot.capture();
        return () -> within(snapshot, () -> {
            task.run();
            return null;
        });
    }

    public static <T> Callable<T> callable(Callable<T> task) {
        SessionSnapshot snapshot = SessionSnapshot.capture();
        return () -> within(snapshot, task::call);
    }

    public static <T> Supplier<T> supplier(Supplier<T> task) {
        SessionSnapshot snapshot = SessionSnapshot.capture();
        return () -> within(snapshot, task::get);
    }

    private static <T, E extends Exception> T within(SessionSnapshot snapshot, Work<T, E> work) throws E {
        ThreadContextRestorer restorer = snapshot.begin();
        try {
            return work.call();
        } finally {
            restorer.endContext();
        }
    }

    /** A task's body, whichever of the three kinds it came as. */
    private interface Work<T, E extends Exception> {
        T call() throws E;
    }
}
