package io.github.usersession.internal;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.github.usersession.SessionEndReason;
import io.github.usersession.internal.threads.UserSessionContextProvider;
import jakarta.enterprise.concurrent.ManageableThread;
import jakarta.enterprise.concurrent.spi.ThreadContextProvider;
import jakarta.enterprise.concurrent.spi.ThreadContextRestorer;
import jakarta.enterprise.concurrent.spi.ThreadContextSnapshot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 11: what the {@code UserSession} ThreadContextProvider adds to one task submission, as a Jakarta Concurrency
 * executor drives it: on the submitting thread a provider is made (Payara makes one per submission) and captures the
 * context; on the worker thread the snapshot begins before the task and ends after it.
 * <ul>
 * <li>{@code submit_*}: one submission to a single-thread executor, awaited: {@code withoutProvider} is the task
 * alone, {@code withProvider} adds the provider's work around it, with a session bound to the submitting thread
 * ({@code session=true}, the binding counted in and out on the worker) or none ({@code session=false}, the worker's
 * binding cleared and restored).</li>
 * <li>{@code provider_*}: the provider's work alone, on the benchmark thread (a plain one): capture, begin,
 * end.</li>
 * </ul>
 * The session is bound to the benchmark thread for the whole trial, as a servlet request binds it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class ProviderBenchmark {

    private static final Map<String, String> PROPERTIES = Map.of();

    @Param({"true", "false"})
    boolean session;

    private SessionRegistry registry;
    private StoredSession stored;
    private ExecutorService worker;
    private final Runnable task = () -> { };

    @Setup(Level.Trial)
    public void bind() {
        registry = new SessionRegistry(UserSessionConfig.from(Map.<String, String>of()::get), new LiveSessions(),
                new SessionEvents(null), System::currentTimeMillis);
        // A managed executor's thread, as a server's are: the provider looks at those once.
        worker = Executors.newSingleThreadExecutor(ManagedThread::new);
        if (session) {
            stored = registry.create();
            Binding.forEntered(registry, stored).bind();
        }
    }

    @TearDown(Level.Trial)
    public void unbind() {
        Binding.restore(null);
        worker.shutdownNow();
        if (stored != null) {
            registry.end(stored, SessionEndReason.LOGOUT);
            registry.release(stored);
        }
    }

    @Benchmark
    public Object submit_withoutProvider() throws InterruptedException, ExecutionException {
        return worker.submit(task).get();
    }

    @Benchmark
    public Object submit_withProvider() throws InterruptedException, ExecutionException {
        ThreadContextProvider provider = new UserSessionContextProvider();
        ThreadContextSnapshot snapshot = provider.currentContext(PROPERTIES);
        return worker.submit(() -> {
            ThreadContextRestorer restorer = snapshot.begin();
            try {
                task.run();
            } finally {
                restorer.endContext();
            }
        }).get();
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

    @Benchmark
    public Object provider_captureBeginEnd() {
        ThreadContextSnapshot snapshot = new UserSessionContextProvider().currentContext(PROPERTIES);
        ThreadContextRestorer restorer = snapshot.begin();
        restorer.endContext();
        return snapshot;
    }
}
