package io.github.usersession.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.usersession.SessionEndReason;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.spi.Contextual;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.PassivationCapable;

/**
 * One user session: its ID, its times, and its contextual instances each kept with the creational context that made it.
 */
// Sessions are counted in by the bindings that use them, so that an ended session is destroyed by whoever lets go of
// it last. Applications see it only through a SessionRef, so nothing outside the library can hold its lock. A million
// idle sessions are the case to size for, which is why the timeouts are the registry's rather than fields here.
public final class StoredSession {

    private static final Logger LOG = Logger.getLogger(StoredSession.class.getName());
    /** Enough for any chain of {@code @PreDestroy} methods that use beans already destroyed; a cycle stops here. */
    private static final int MAX_DESTROY_PASSES = 8;
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

    /**
     * The newest entry, which links to the older ones, or null. A session holds few beans, so a list scanned by key
     * costs less memory than a map and is as fast to read; it changes only under this session's lock, by a new entry
     * in front or, once, by its removal for destruction.
     */
    private volatile Entry<?> entries;
    private final long traceId;
    private final long createdAt;
    /** The shared store's side of this session, or null with the memory store. */
    private final Replica replica;
    private volatile SessionId id;
    private volatile long lastAccess;
    private volatile SessionEndReason endReason;
    /** The name of the user who signed in on this session, or null; set once, never changed. */
    private volatile String principal;
    private volatile boolean beansDestroyed;
    private volatile int users;
    private volatile boolean destroyClaimed;

    StoredSession(SessionId id, long now) {
        this(id, now, ThreadLocalRandom.current().nextLong(), null);
    }

    /** A session with a given trace ID and creation time, as a shared store's record describes it. */
    StoredSession(SessionId id, long createdAt, long traceId, Replica replica) {
        this.id = id;
        this.createdAt = createdAt;
        this.lastAccess = createdAt;
        this.traceId = traceId;
        this.replica = replica;
    }

    Replica replica() {
        return replica;
    }

    long trace() {
        return traceId;
    }

    public SessionId id() {
        return id;
    }

    void renameTo(SessionId newId) {
        id = newId;
    }

    /** The name of the authenticated user this session belongs to, or null while it has none. */
    public String principal() {
        return principal;
    }

    /**
     * Gives a live session without a principal its principal; false when it has one already or has ended. Under the
     * session's lock, as {@link #end} is, so that an end either sees the principal or happens before it is set.
     */
    public synchronized boolean signIn(String name) {
        if (endReason != null || principal != null) {
            return false;
        }
        principal = name;
        return true;
    }

    /** When the session was created, in clock milliseconds: the order in which a principal's sessions are evicted. */
    public long createdAtMillis() {
        return createdAt;
    }

    void touch(long now) {
        if (now > lastAccess) {
            lastAccess = now;
        }
    }

    /** The earlier of the idle and the absolute deadline, in clock milliseconds. */
    long deadline(long idleMillis, long absoluteMillis) {
        return Math.min(lastAccess + idleMillis, createdAt + absoluteMillis);
    }

    /** Why the session has expired at {@code now}, or null while it has not. */
    SessionEndReason expiry(long now, long idleMillis, long absoluteMillis) {
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

    /** Whether a binding (a request, a task, a socket call) is using the session now. */
    boolean inUse() {
        return users > 0;
    }

    /** Gives up destroying this ended session: another server destroys it, from the shared store's record. */
    void disown() {
        destroyClaimed = true;
    }

    /** True for the one caller that may destroy this ended session now that no binding uses it. */
    boolean claimDestroy() {
        return endReason != null && users == 0 && DESTROY_CLAIMED.compareAndSet(this, false, true);
    }

    /** The instance of the contextual in this session, created on first use under the entry's own lock. */
    @SuppressWarnings("unchecked")
    <T> T instance(Contextual<T> contextual, CreationalContext<T> creationalContext) {
        Object key = keyOf(contextual);
        if (replica != null) {
            replica.replication.used(replica, key);
        }
        Entry<T> entry = (Entry<T>) find(key);
        if (entry != null) {
            T instance = entry.instance;
            if (instance != null) {
                return instance;
            }
        } else {
            entry = (Entry<T>) addIfAbsent(key, contextual);
        }
        // Created under the entry's lock, not the session's: a @PostConstruct may use another bean of this session.
        synchronized (entry) {
            if (entry.instance == null) {
                if (beansDestroyed) {
                    // As for a task that begins after its session ended: the scope is over, and nothing brings it back.
                    throw new ContextNotActiveException("The user session " + this + " has ended and its beans have"
                            + " been destroyed: " + contextual + " cannot be created in it again");
                }
                T instance = replica == null ? null : replica.replication.restore(replica, key, contextual);
                if (instance == null) {
                    instance = contextual.create(creationalContext);
                }
                entry.creationalContext = creationalContext;
                entry.instance = instance;
            }
            return entry.instance;
        }
    }

    @SuppressWarnings("unchecked")
    <T> T existing(Contextual<T> contextual) {
        Object key = keyOf(contextual);
        if (replica != null) {
            replica.replication.used(replica, key);
        }
        Entry<T> entry = (Entry<T>) find(key);
        return entry == null ? null : entry.instance;
    }

    /** Visits each instance with its bean's passivation ID. */
    void forEachInstance(java.util.function.BiConsumer<Object, Object> visitor) {
        for (Entry<?> entry = entries; entry != null; entry = entry.next) {
            Object instance = entry.instance;
            if (instance != null) {
                visitor.accept(entry.key, instance);
            }
        }
    }

    /**
     * Drops an instance that another server's state has superseded, without destroying it: the bean lives on in the
     * shared store, and is read from it again when a request uses it.
     */
    void supersede(Object key) {
        Entry<?> entry = key == null ? null : find(key);
        if (entry != null) {
            synchronized (entry) {
                entry.instance = null;
                entry.creationalContext = null;
            }
        }
    }

    void destroy(Contextual<?> contextual) {
        // The entry stays: a thread already waiting on its lock must create the next instance in it, not in an orphan.
        Entry<?> entry = find(keyOf(contextual));
        if (entry != null) {
            entry.destroy(this);
        }
    }

    /**
     * Destroys every instance exactly once; an instance whose destruction fails is logged and the others still go.
     * The caller binds the session, so a {@code @PreDestroy} may use the session's other beans, even one destroyed
     * already or never used before: that instance is created again and destroyed in a later pass. After the last pass
     * no instance can be created any more.
     */
    void destroyBeans() {
        for (int pass = 1; pass <= MAX_DESTROY_PASSES; pass++) {
            List<Entry<?>> inOrder = inOrder();
            inOrder.removeIf(entry -> entry.instance == null);
            if (inOrder.isEmpty()) {
                break;
            }
            inOrder.forEach(entry -> entry.destroy(this));
        }
        // The last pass, over every entry: from here on no instance can be created, and one being created now is in
        // an entry of this snapshot, whose lock its creator holds until it is done.
        List<Entry<?>> last;
        synchronized (this) {
            beansDestroyed = true;
            last = inOrder();
            entries = null;
        }
        last.forEach(entry -> entry.destroy(this));
    }

    /**
     * The entries in the order they were added, oldest first: the list holds them newest first. The scope promises no
     * order, but it should not change from one release to the next.
     */
    private List<Entry<?>> inOrder() {
        List<Entry<?>> inOrder = new ArrayList<>();
        for (Entry<?> entry = entries; entry != null; entry = entry.next) {
            inOrder.add(0, entry);
        }
        return inOrder;
    }

    private Entry<?> find(Object key) {
        for (Entry<?> entry = entries; entry != null; entry = entry.next) {
            if (entry.key == key || entry.key.equals(key)) {
                return entry;
            }
        }
        return null;
    }

    /** Adds only the empty holder, under this session's lock; the bean itself is created later, outside it. */
    private synchronized Entry<?> addIfAbsent(Object key, Contextual<?> contextual) {
        Entry<?> existing = find(key);
        if (existing != null) {
            return existing;
        }
        Entry<?> added = new Entry<>(key, contextual, entries);
        entries = added;
        return added;
    }

    /** Beans are keyed by their passivation ID, which a distributed store can share between servers. */
    static Object keyOf(Contextual<?> contextual) {
        return contextual instanceof PassivationCapable passivationCapable ? passivationCapable.getId() : contextual;
    }

    String traceId() {
        return String.format("%016x", traceId);
    }

    Instant createdAt() {
        return Instant.ofEpochMilli(createdAt);
    }

    Instant lastAccessedAt() {
        return Instant.ofEpochMilli(lastAccess);
    }

    public boolean isLive() {
        return endReason == null;
    }

    @Override
    public String toString() {
        return "UserSession[" + traceId() + "]";
    }

    /** An instance with the creational context that made it, so that it is destroyed with its dependents. */
    private static final class Entry<T> {
        private final Object key;
        private final Contextual<T> contextual;
        private final Entry<?> next;
        private volatile T instance;
        private CreationalContext<T> creationalContext;

        Entry(Object key, Contextual<T> contextual, Entry<?> next) {
            this.key = key;
            this.contextual = contextual;
            this.next = next;
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
