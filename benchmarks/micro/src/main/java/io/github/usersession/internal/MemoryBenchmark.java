package io.github.usersession.internal;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.management.ObjectName;

import io.github.usersession.SessionHandle;
import io.github.usersession.UserSessions;
import io.github.usersession.bench.SessionCounter;
import io.github.usersession.bench.UserSessionCounter;
import org.jboss.weld.context.bound.BoundLiteral;
import org.jboss.weld.context.bound.BoundSessionContext;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Issue 5, part 3: the heap retained per idle {@code @UserSession} session holding one small bean, at 1,000,000
 * sessions, beyond the bean's own instance. Run it in its own JVM with a fixed heap (see run.sh).
 * <p>
 * The sessions are made as an application makes them, {@code UserSessions.create()} and a first call on the bean in
 * {@code runIn}; the benchmark keeps no reference to them (the registry does). Live heap is read from the class
 * histogram of {@code GC.class_histogram} (a full GC first), before and after, and cross-checked with the used heap
 * after {@code System.gc()}. As a reference, the same is measured for Weld's {@code @SessionScoped} with its bound
 * session context, whose storage is a plain map per session; that leaves out the servlet container's own
 * {@code HttpSession} object, which a real {@code @SessionScoped} session also costs.
 */
public final class MemoryBenchmark {

    private MemoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        System.setProperty(UserSessionConfig.MAX_SESSIONS, String.valueOf(sessions + 10_000));
        UserSessionExtension extension = new UserSessionExtension();
        WeldContainer weld = new Weld()
                .disableDiscovery()
                .addExtension(extension)
                .addBeanClasses(UserSessionCounter.class, SessionCounter.class)
                .initialize();
        try {
            UserSessions userSessions = weld.select(UserSessions.class).get();
            UserSessionCounter bean = weld.select(UserSessionCounter.class).get();
            Runnable firstUse = bean::next;
            // Warm-up: lazy structures of Weld and the library exist before the baseline; these stay live.
            for (int i = 0; i < 10_000; i++) {
                userSessions.runIn(userSessions.create(), firstUse);
            }
            Snapshot before = Snapshot.take();
            long started = System.nanoTime();
            for (int i = 0; i < sessions; i++) {
                SessionHandle session = userSessions.create();
                userSessions.runIn(session, firstUse);
            }
            long createNanos = System.nanoTime() - started;
            Snapshot after = Snapshot.take();
            System.out.printf(Locale.ROOT, "userSession.live=%d%n", userSessions.count());
            System.out.printf(Locale.ROOT, "userSession.createSeconds=%.2f%n", createNanos / 1e9);
            report("userSession", sessions, before, after, UserSessionCounter.class.getName());

            // Reference: Weld's @SessionScoped with the bound session context, one map per session.
            BoundSessionContext context = weld.select(BoundSessionContext.class, BoundLiteral.INSTANCE).get();
            SessionCounter sessionScoped = weld.select(SessionCounter.class).get();
            List<Map<String, Object>> storages = new ArrayList<>(sessions);
            Snapshot weldBefore = Snapshot.take();
            for (int i = 0; i < sessions; i++) {
                Map<String, Object> storage = new HashMap<>();
                context.associate(storage);
                context.activate();
                sessionScoped.next();
                context.deactivate();
                context.dissociate(storage);
                storages.add(storage);
            }
            Snapshot weldAfter = Snapshot.take();
            System.out.printf(Locale.ROOT, "sessionScoped.maps=%d%n", storages.size());
            report("sessionScoped", sessions, weldBefore, weldAfter, SessionCounter.class.getName());
        } finally {
            weld.shutdown();
        }
    }

    private static void report(String label, int sessions, Snapshot before, Snapshot after, String beanClass) {
        long histogramBytes = after.totalBytes - before.totalBytes;
        long usedBytes = after.usedHeap - before.usedHeap;
        Row bean = after.rows.getOrDefault(beanClass, new Row(0, 0));
        Row beanBefore = before.rows.getOrDefault(beanClass, new Row(0, 0));
        long beanBytes = bean.bytes - beanBefore.bytes;
        long beanInstances = bean.instances - beanBefore.instances;
        System.out.printf(Locale.ROOT, "%s.sessions=%d%n", label, sessions);
        System.out.printf(Locale.ROOT, "%s.beanInstances=%d%n", label, beanInstances);
        System.out.printf(Locale.ROOT, "%s.beanBytesPerSession=%.1f%n", label, (double) beanBytes / sessions);
        System.out.printf(Locale.ROOT, "%s.histogramBytesPerSession=%.1f%n", label, (double) histogramBytes / sessions);
        System.out.printf(Locale.ROOT, "%s.usedHeapBytesPerSession=%.1f%n", label, (double) usedBytes / sessions);
        System.out.printf(Locale.ROOT, "%s.retainedBeyondBeanPerSession=%.1f%n", label,
                (double) (histogramBytes - beanBytes) / sessions);
        System.out.println(label + ".breakdown (classes whose live bytes grew by at least 1 byte per session):");
        System.out.printf(Locale.ROOT, "  %12s %14s %10s  %s%n", "instances", "bytes", "B/session", "class");
        after.rows.entrySet().stream()
                .map(entry -> {
                    Row old = before.rows.getOrDefault(entry.getKey(), new Row(0, 0));
                    return Map.entry(entry.getKey(),
                            new Row(entry.getValue().instances - old.instances, entry.getValue().bytes - old.bytes));
                })
                .filter(entry -> entry.getValue().bytes >= sessions)
                .sorted((a, b) -> Long.compare(b.getValue().bytes, a.getValue().bytes))
                .forEach(entry -> System.out.printf(Locale.ROOT, "  %12d %14d %10.1f  %s%n",
                        entry.getValue().instances, entry.getValue().bytes,
                        (double) entry.getValue().bytes / sessions, entry.getKey()));
    }

    private record Row(long instances, long bytes) {
    }

    /** The live heap by class (GC.class_histogram, which collects first) and the used heap after System.gc(). */
    private record Snapshot(Map<String, Row> rows, long totalBytes, long usedHeap) {

        static Snapshot take() throws Exception {
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(200);
            }
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            Map<String, Row> rows = new HashMap<>();
            long total = 0;
            for (String line : histogram.split("\n")) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length >= 4 && fields[0].endsWith(":")) {
                    Row row = new Row(Long.parseLong(fields[1]), Long.parseLong(fields[2]));
                    rows.merge(fields[3], row, (a, b) -> new Row(a.instances + b.instances, a.bytes + b.bytes));
                } else if (fields.length >= 3 && fields[0].equals("Total")) {
                    total = Long.parseLong(fields[2]);
                }
            }
            return new Snapshot(rows, total, used);
        }
    }
}
