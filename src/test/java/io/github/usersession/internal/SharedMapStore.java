package io.github.usersession.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.usersession.internal.store.BeanSerializer;
import io.github.usersession.spi.SessionStore;
import io.github.usersession.spi.StoreContext;
import jakarta.enterprise.inject.spi.BeanManager;

/**
 * A shared store in one map that several registries use as the servers of a cluster would, with a count of its
 * writes; expiry happens when a test says so, reported to the first server only, as an owner would.
 */
final class SharedMapStore implements SessionStore {

    final Map<String, byte[]> records = new ConcurrentHashMap<>();
    final Map<String, String> forwards = new ConcurrentHashMap<>();
    final List<StoreContext> servers = new CopyOnWriteArrayList<>();
    final AtomicInteger writes = new AtomicInteger();

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
        return records.putIfAbsent(key, record) == null;
    }

    @Override
    public byte[] get(String key) {
        return records.get(key);
    }

    @Override
    public boolean replace(String key, byte[] expected, byte[] record, Duration timeToLive) {
        writes.incrementAndGet();
        boolean[] replaced = {false};
        records.computeIfPresent(key, (k, current) -> {
            replaced[0] = Arrays.equals(current, expected);
            return replaced[0] ? record : current;
        });
        return replaced[0];
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
