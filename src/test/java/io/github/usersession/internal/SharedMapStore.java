package io.github.usersession.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.usersession.internal.store.BeanSerializer;
import io.github.usersession.spi.RecordMap;
import io.github.usersession.spi.SessionStore;
import io.github.usersession.spi.StoreContext;
import jakarta.enterprise.inject.spi.BeanManager;

/**
 * A shared store in one map that several registries use as the servers of a cluster would, with a count of its
 * writes; expiry happens when a test says so, reported to the first server only, as an owner would.
 */
final class SharedMapStore implements SessionStore {

    final MapRecords sessions = new MapRecords();
    final Map<String, byte[]> records = sessions.records;
    final Map<String, String> forwards = new ConcurrentHashMap<>();
    final List<StoreContext> servers = new CopyOnWriteArrayList<>();
    /** The principal records; null for a store that keeps none, so that each server indexes its own copies. */
    final MapRecords principals;
    final AtomicInteger writes = new AtomicInteger();
    final AtomicInteger reads = new AtomicInteger();
    private final ExecutorService reports = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "store-reports");
        thread.setDaemon(true);
        return thread;
    });
    /** Whether it reports every write to every server, so that a copy of the client's version serves unread. */
    volatile boolean reportsChanges;
    /** While set, writes go unreported, as when the store loses its reports. */
    volatile boolean silent;
    /** Runs once, just after the next read, as another server's work between this one's read and what follows. */
    volatile Runnable afterNextRead;

    /** A store that keeps the principal index too. */
    SharedMapStore() {
        this(true);
    }

    SharedMapStore(boolean principalIndex) {
        principals = principalIndex ? new MapRecords() : null;
    }

    @Override
    public RecordMap principalRecords() {
        return principals;
    }

    /** A new server of this store: a registry on the application's beans, connected as the extension connects it. */
    SessionRegistry server(BeanManager beanManager, UserSessionConfig config) {
        ClassLoader loader = getClass().getClassLoader();
        Replication replication = new Replication(this, new BeanSerializer(loader), new BeanIndex(beanManager),
                config.idleTimeout(), config.absoluteTimeout());
        SessionRegistry registry = new SessionRegistry(config, new LiveSessions(), new SessionEvents(beanManager),
                System::currentTimeMillis, replication);
        start(new StoreConnection(registry, "/shop", key -> null, loader));
        return registry;
    }

    @Override
    public void start(StoreContext context) {
        servers.add(context);
    }

    @Override
    public void stop() {
    }

    @Override
    public boolean putIfAbsent(String key, byte[] record, Duration timeToLive) {
        writes.incrementAndGet();
        return sessions.putIfAbsent(key, record, timeToLive);
    }

    @Override
    public byte[] get(String key) {
        reads.incrementAndGet();
        byte[] record = sessions.get(key);
        Runnable hook = afterNextRead;
        if (hook != null) {
            afterNextRead = null;
            hook.run();
        }
        return record;
    }

    @Override
    public boolean replace(String key, byte[] expected, byte[] record, Duration timeToLive) {
        writes.incrementAndGet();
        boolean replaced = sessions.replace(key, expected, record, timeToLive);
        if (replaced && reportsChanges && !silent) {
            // On a thread of the store's, in the order of the writes, as Hazelcast's event threads report them.
            reports.execute(() -> servers.forEach(server -> server.changed(key, record)));
        }
        return replaced;
    }

    /** Returns once every write so far has been reported. */
    void awaitReports() throws Exception {
        reports.submit(() -> { }).get(10, TimeUnit.SECONDS);
    }

    @Override
    public boolean reportsEveryChange() {
        return reportsChanges;
    }

    @Override
    public byte[] remove(String key) {
        byte[] removed = records.remove(key);
        if (removed != null) {
            servers.forEach(server -> server.gone(key));
        }
        return removed;
    }

    @Override
    public void forward(String oldKey, String newKey, Duration timeToLive) {
        forwards.put(oldKey, newKey);
    }

    @Override
    public String forwardedTo(String oldKey) {
        return forwards.get(oldKey);
    }

    @Override
    public int size() {
        return records.size();
    }

    /** Lets every record expire, as the store would once their time to live passed. */
    void expireAll() {
        for (String key : List.copyOf(records.keySet())) {
            byte[] record = records.remove(key);
            servers.get(0).expired(key, record);
            servers.forEach(server -> server.gone(key));
        }
    }
}
