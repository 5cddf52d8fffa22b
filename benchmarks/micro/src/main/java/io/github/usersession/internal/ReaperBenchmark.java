package io.github.usersession.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.github.usersession.bench.DestroyedCounter;
import io.github.usersession.bench.UserSessionCounter;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Issue 5, part 4: the cost of expiry, on a registry with a clock the benchmark moves by hand. Every session holds
 * one bean and the registry fires its events through Weld, so an expiry destroys a bean and fires two events as in an
 * application. Run it in its own JVM with a fixed heap (see run.sh).
 * <ol>
 * <li>1,000,000 live sessions, none due: the median of many reaper passes.</li>
 * <li>100,000 sessions expiring in the same second among 1,000,000 live ones: the time of the one pass that ends
 * them, while another thread looks up live sessions by ID with {@code find} (what every request does) and records
 * each lookup's latency, before and during the pass.</li>
 * <li>1,000,000 live sessions that requests keep using, none expired: each pass takes the sessions filed under the
 * current second and files them again by their new deadline (the queue never refiles on use).</li>
 * </ol>
 */
public final class ReaperBenchmark {

    private static final long T0 = 1_800_000_000_000L;
    private static final long SECOND = 1000;

    private ReaperBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int live = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int doomed = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int others = live - doomed;
        WeldContainer weld = new Weld()
                .disableDiscovery()
                .addExtension(new UserSessionExtension())
                .addBeanClasses(UserSessionCounter.class, DestroyedCounter.class)
                .initialize();
        try {
            run(weld, live, doomed, others);
        } finally {
            weld.shutdown();
        }
    }

    private static void run(WeldContainer weld, int live, int doomed, int others) throws Exception {
        AtomicLong clock = new AtomicLong(T0);
        UserSessionConfig config = UserSessionConfig.from(
                key -> UserSessionConfig.MAX_SESSIONS.equals(key) ? String.valueOf(live * 2) : null);
        SessionRegistry registry = new SessionRegistry(config, new LiveSessions(),
                new SessionEvents(weld.getBeanManager()), clock::get);
        UserSessionCounter bean = weld.select(UserSessionCounter.class).get();
        DestroyedCounter destroyedCounter = weld.select(DestroyedCounter.class).get();
        long idle = config.idleTimeout().toMillis();

        // The doomed sessions start in the same millisecond, so they are due in the same second.
        for (int i = 0; i < doomed; i++) {
            start(registry, bean);
        }
        // The others start over the next 1,000 seconds, so their deadlines are spread over 1,000 seconds.
        SessionId[] otherIds = new SessionId[others];
        for (int i = 0; i < others; i++) {
            clock.set(T0 + SECOND + (long) i * (1000 * SECOND) / others);
            otherIds[i] = start(registry, bean).id();
        }
        System.out.printf(Locale.ROOT, "live=%d doomed=%d others=%d idleTimeoutMillis=%d%n", registry.count(),
                doomed, others, idle);
        System.gc();

        // 1. 1,000,000 live, none due.
        clock.set(T0 + idle - SECOND / 2);
        long[] idlePasses = new long[20_000];
        for (int i = 0; i < idlePasses.length; i++) {
            long start = System.nanoTime();
            registry.reap();
            idlePasses[i] = System.nanoTime() - start;
        }
        check(registry.count() == live, "no session may end in a pass with none due");
        printNanos("noneDue.pass", idlePasses);

        // 2. 100,000 due at once, with a thread looking up live sessions meanwhile.
        clock.set(T0 + idle + SECOND / 2);
        Prober prober = new Prober(registry, otherIds);
        Thread probing = new Thread(prober, "prober");
        probing.start();
        Thread.sleep(1500);
        long passStart = System.nanoTime();
        registry.reap();
        long passEnd = System.nanoTime();
        Thread.sleep(500);
        prober.stop = true;
        probing.join();
        check(registry.count() == others, "the pass must end exactly the due sessions, live now " + registry.count());
        check(destroyedCounter.count() == doomed, "@Destroyed fired " + destroyedCounter.count() + " times");
        System.out.printf(Locale.ROOT, "expiring.sessions=%d%n", doomed);
        System.out.printf(Locale.ROOT, "expiring.passMillis=%.1f%n", (passEnd - passStart) / 1e6);
        prober.report("expiring.find.before", passStart - 1_000_000_000L, passStart);
        prober.report("expiring.find.during", passStart, passEnd);

        // 3. The others are in use (the prober and this touch them now), so none is expired; each pass refiles the
        // sessions filed under its second.
        for (SessionId id : otherIds) {
            registry.release(registry.find(id));
        }
        long[] busyPasses = new long[600];
        int[] refiled = new int[busyPasses.length];
        for (int i = 0; i < busyPasses.length; i++) {
            clock.set(T0 + idle + SECOND + i * SECOND + SECOND / 2);
            long start = System.nanoTime();
            registry.reap();
            busyPasses[i] = System.nanoTime() - start;
        }
        check(registry.count() == others, "no session may end while in use");
        System.out.printf(Locale.ROOT, "inUse.live=%d refiledPerPass~=%d%n", registry.count(),
                others / 1000);
        printNanos("inUse.pass", busyPasses);
    }

    private static StoredSession start(SessionRegistry registry, UserSessionCounter bean) {
        StoredSession session = registry.create();
        Binding binding = Binding.forEntered(registry, session);
        Binding previous = binding.bind();
        try {
            registry.announce(session);
            bean.next();
        } finally {
            Binding.restore(previous);
            binding.release();
        }
        return session;
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private static void printNanos(String label, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%s.count=%d median=%.3fus p99=%.3fus max=%.1fus%n", label, sorted.length,
                sorted[sorted.length / 2] / 1e3, sorted[(int) (sorted.length * 0.99)] / 1e3,
                sorted[sorted.length - 1] / 1e3);
    }

    /** Looks up random live sessions by ID as requests do, and records when each lookup started and how long. */
    private static final class Prober implements Runnable {
        private static final int CAPACITY = 30_000_000;
        private final SessionRegistry registry;
        private final SessionId[] ids;
        private final long[] starts = new long[CAPACITY];
        private final int[] nanos = new int[CAPACITY];
        private int count;
        private int misses;
        volatile boolean stop;

        Prober(SessionRegistry registry, SessionId[] ids) {
            this.registry = registry;
            this.ids = ids;
        }

        @Override
        public void run() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (!stop && count < CAPACITY) {
                SessionId id = ids[random.nextInt(ids.length)];
                long start = System.nanoTime();
                StoredSession session = registry.find(id);
                if (session != null) {
                    registry.release(session);
                } else {
                    misses++;
                }
                long end = System.nanoTime();
                starts[count] = start;
                nanos[count] = (int) Math.min(Integer.MAX_VALUE, end - start);
                count++;
            }
        }

        void report(String label, long from, long to) {
            int n = 0;
            long[] window = new long[count];
            long maxGap = 0;
            long previousEnd = -1;
            for (int i = 0; i < count; i++) {
                if (starts[i] >= from && starts[i] < to) {
                    window[n++] = nanos[i];
                    if (previousEnd >= 0) {
                        maxGap = Math.max(maxGap, starts[i] - previousEnd);
                    }
                    previousEnd = starts[i] + nanos[i];
                }
            }
            long[] sorted = Arrays.copyOf(window, n);
            Arrays.sort(sorted);
            if (n == 0) {
                System.out.printf(Locale.ROOT, "%s.lookups=0%n", label);
                return;
            }
            System.out.printf(Locale.ROOT,
                    "%s.lookups=%d misses=%d median=%.2fus p99=%.2fus p999=%.2fus max=%.1fus maxGapBetween=%.1fus%n",
                    label, n, misses, sorted[n / 2] / 1e3, sorted[(int) (n * 0.99)] / 1e3,
                    sorted[(int) (n * 0.999)] / 1e3, sorted[n - 1] / 1e3, maxGap / 1e3);
        }
    }
}
