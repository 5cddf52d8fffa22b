package io.github.usersession.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.github.usersession.SessionEndReason;
import io.github.usersession.internal.threads.UserSessionContextProvider;
import jakarta.enterprise.concurrent.ManageableThread;
import jakarta.enterprise.concurrent.spi.ThreadContextRestorer;
import jakarta.enterprise.concurrent.spi.ThreadContextSnapshot;

/**
 * Issue 11, a simple harness beside {@link ProviderBenchmark}: the same task submission with and without the
 * provider, measured in alternating batches, so that the machine's changing load falls on both alike. Prints each
 * round's ns per submission and ratio, then the median ratio and its quartiles.
 * <p>
 * Arguments: rounds (default 40) and submissions per batch (default 5000). A session is bound to the submitting
 * thread, the case where the provider does the most.
 */
public final class ProviderRatio {

    private ProviderRatio() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        SessionRegistry registry = new SessionRegistry(UserSessionConfig.from(Map.<String, String>of()::get),
                new LiveSessions(), new SessionEvents(null), System::currentTimeMillis);
        StoredSession session = registry.create();
        Binding.forEntered(registry, session).bind();
        ExecutorService worker = Executors.newSingleThreadExecutor(ManagedThread::new);
        Runnable task = () -> { };
        try {
            for (int warm = 0; warm < 5; warm++) {
                time(worker, task, batch, false);
                time(worker, task, batch, true);
            }
            List<Double> ratios = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                // Alternate which goes first, so that neither always follows the other.
                boolean providerFirst = round % 2 == 0;
                double first = time(worker, task, batch, providerFirst);
                double second = time(worker, task, batch, !providerFirst);
                double with = providerFirst ? first : second;
                double without = providerFirst ? second : first;
                ratios.add(with / without);
                System.out.printf("round %d: without %.0f ns, with %.0f ns, ratio %.3f, load %s%n", round, without,
                        with, with / without, load());
            }
            ratios.sort(null);
            System.out.printf("median ratio %.3f (quartiles %.3f to %.3f) over %d rounds of %d submissions each%n",
                    ratios.get(ratios.size() / 2), ratios.get(ratios.size() / 4), ratios.get(ratios.size() * 3 / 4),
                    rounds, batch);
        } finally {
            worker.shutdownNow();
            Binding.restore(null);
            registry.end(session, SessionEndReason.LOGOUT);
            registry.release(session);
        }
    }

    /** ns per submission, awaited, over a batch. */
    private static double time(ExecutorService worker, Runnable task, int batch, boolean provider) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < batch; i++) {
            if (provider) {
                ThreadContextSnapshot snapshot = new UserSessionContextProvider().currentContext(Map.of());
                worker.submit(() -> {
                    ThreadContextRestorer restorer = snapshot.begin();
                    try {
                        task.run();
                    } finally {
                        restorer.endContext();
                    }
                }).get();
            } else {
                worker.submit(task).get();
            }
        }
        return (System.nanoTime() - start) / (double) batch;
    }

    private static String load() throws java.io.IOException {
        return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
    }

    /** A thread as a server's managed thread factory makes it. */
    static final class ManagedThread extends Thread implements ManageableThread {
        ManagedThread(Runnable task) {
            super(task);
        }

        @Override
        public boolean isShutdown() {
            return false;
        }
    }
}
