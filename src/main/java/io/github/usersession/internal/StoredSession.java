package io.github.usersession.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.usersession.SessionEndReason;
import io.github.usersession.SessionHandle;
import jakarta.enterprise.context.spi.Contextual;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.PassivationCapable;

/**
 * One user session: its ID, its times, and its contextual instances each kept with the creational context that made
 * it. Sessions are counted in by the bindings that use them, so that an ended session is destroyed by whoever lets go
 * of it last.
 */
final class StoredSession implements SessionHandle {

    private static final Logger LOG = Logger.getLogger(StoredSession.class.getName());
    private static final VarHandle USERS;
    private static final VarHandle DESTROY_CLAIMED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            USERS = lookup.findVarHandle(StoredSession.class, "users", int.class);
            DESTROY_CLAIMED = lookup.findVarHandle(StoredSession.class, "destroyClaimed", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ConcurrentHashMap<Object, Entry<?>> entries = new ConcurrentHashMap<>(4);
    private final long traceId = ThreadLocalRandom.current().nextLong();
    private final long createdAt;
    private final long idleMillis;
    private final long absoluteMillis;
    private volatile String id;
    private volatile long lastAccess;
    private volatile SessionEndReason endReason;
    private volatile boolean beansDestroyed;
    private volatile int users;
    private volatile boolean destroyClaimed;

    StoredSession(String id, long now, long idleMillis, long absoluteMillis) {
        this.id = id;
        this.createdAt = now;
        this.lastAccess = now;
        this.idleMillis = idleMillis;
        this.absoluteMillis = absoluteMillis;
    }

    String id() {
        return id;
    }

    void renameTo(String newId) {
        id = newId;
    }

    void touch(long now) {
        lastAccess = now;
    }

    /** The earlier of the idle and the absolute deadline, in clock milliseconds. */
    long deadline() {
        return Math.min(lastAccess + idleMillis, createdAt + absoluteMillis);
    }

    /** Why the session has expired at {@code now}, or null while it has not. */
    SessionEndReason expiry(long now) {
        if (now - createdAt >= absoluteMillis) {
            return SessionEndReason.ABSOLUTE_TIMEOUT;
        }
        return now - lastAccess >= idleMillis ? SessionEndReason.IDLE_TIMEOUT : null;
    }

    /** Marks the session ended; true only for the one call that ended it. */
    synchronized boolean end(SessionEndReason reason) {
        if (endReason != null) {
            return false;
        }
        endReason = reason;
        return true;
    }

    SessionEndReason endReason() {
        return endReason;
    }

    /** Counts a binding in; false (and counted out again) when the session has ended meanwhile. */
    boolean enter() {
        USERS.getAndAdd(this, 1);
        return endReason == null;
    }

    /** Counts a binding out; true when the caller must now destroy the session. */
    boolean leave() {
        return (int) USERS.getAndAdd(this, -1) == 1 && claimDestroy();
    }

    /** True for the one caller that may destroy this ended session now that no binding uses it. */
    boolean claimDestroy() {
        return endReason != null && users == 0 && DESTROY_CLAIMED.compareAndSet(this, false, true);
    }

    /** The instance of the contextual in this session, created on first use under the entry's own lock. */
    @SuppressWarnings("unchecked")
    <T> T instance(Contextual<T> contextual, CreationalContext<T> creationalContext) {
        Object key = keyOf(contextual);
        Entry<T> entry = (Entry<T>) entries.get(key);
        if (entry != null) {
            T instance = entry.instance;
            if (instance != null) {
                return instance;
            }
        } else {
            // Only the empty holder is made inside computeIfAbsent: creating the bean there would fail when its
            // @PostConstruct uses another bean of this session.
            entry = (Entry<T>) entries.computeIfAbsent(key, k -> new Entry<>(contextual));
        }
        synchronized (entry) {
            if (entry.instance == null) {
                if (beansDestroyed) {
                    throw new IllegalStateException("The user session " + this + " has ended and been destroyed");
                }
                T instance = contextual.create(creationalContext);
                entry.creationalContext = creationalContext;
                entry.instance = instance;
            }
            return entry.instance;
        }
    }

    @SuppressWarnings("unchecked")
    <T> T existing(Contextual<T> contextual) {
        Entry<T> entry = (Entry<T>) entries.get(keyOf(contextual));
        return entry == null ? null : entry.instance;
    }

    void destroy(Contextual<?> contextual) {
        Entry<?> entry = entries.remove(keyOf(contextual));
        if (entry != null) {
            entry.destroy(this);
        }
    }

    /** Destroys every instance once; an instance whose destruction fails is logged and the others still go. */
    void destroyBeans() {
        beansDestroyed = true;
        for (Entry<?> entry : entries.values()) {
            entry.destroy(this);
        }
        entries.clear();
    }

    int beanCount() {
        return entries.size();
    }

    /** Beans are keyed by their passivation ID, which a distributed store can share between servers. */
    private static Object keyOf(Contextual<?> contextual) {
        return contextual instanceof PassivationCapable passivationCapable ? passivationCapable.getId() : contextual;
    }

    @Override
    public String traceId() {
        return String.format("%016x", traceId);
    }

    @Override
    public Instant createdAt() {
        return Instant.ofEpochMilli(createdAt);
    }

    @Override
    public Instant lastAccessedAt() {
        return Instant.ofEpochMilli(lastAccess);
    }

    @Override
    public Instant expiresAt() {
        return Instant.ofEpochMilli(deadline());
    }

    @Override
    public boolean isLive() {
        return endReason == null;
    }

    @Override
    public String toString() {
        return "UserSession[" + traceId() + "]";
    }

    /** An instance with the creational context that made it, so that it is destroyed with its dependents. */
    private static final class Entry<T> {
        private final Contextual<T> contextual;
        private volatile T instance;
        private CreationalContext<T> creationalContext;

        Entry(Contextual<T> contextual) {
            this.contextual = contextual;
        }

        synchronized void destroy(StoredSession session) {
            T doomed = instance;
            if (doomed == null) {
                return;
            }
            instance = null;
            try {
                contextual.destroy(doomed, creationalContext);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, e, () -> "Destroying " + contextual + " of " + session + " failed");
            } finally {
                creationalContext = null;
            }
        }
    }
}
