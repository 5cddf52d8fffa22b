package io.github.usersession.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.usersession.SessionEndReason;
import io.github.usersession.SessionLimitException;

/**
 * The live sessions of one application: creates them within the cap, finds them by ID in strict mode, renews their
 * IDs, ends them, and reaps the expired ones on a background thread.
 */
public final class SessionRegistry {

    private static final Logger LOG = Logger.getLogger(SessionRegistry.class.getName());

    private final UserSessionConfig config;
    private final LiveSessions store;
    private final SessionEvents events;
    private final LongSupplier clock;
    private final ExpiryQueue expiries = new ExpiryQueue();
    private final AtomicInteger live = new AtomicInteger();
    private final RenamedIds renamed = new RenamedIds();
    /** The shared store's side, or null with the memory store. */
    private final Replication replication;
    /** Sessions ended (by logout, mostly) since the expiry queue last dropped ended ones. */
    private final AtomicInteger endedSinceCompaction = new AtomicInteger();
    private final long idleMillis;
    private final long absoluteMillis;
    private ScheduledExecutorService reaper;
    private volatile boolean stopped;

    SessionRegistry(UserSessionConfig config, LiveSessions store, SessionEvents events, LongSupplier clock) {
        this(config, store, events, clock, null);
    }

    /** A registry whose sessions a shared store keeps, when {@code replication} is not null. */
    SessionRegistry(UserSessionConfig config, LiveSessions store, SessionEvents events, LongSupplier clock,
            Replication replication) {
        this.config = config;
        this.store = store;
        this.events = events;
        this.clock = clock;
        this.replication = replication;
        // A shared record's access time may lag by the slack: a session ends within it after its idle timeout.
        this.idleMillis = config.idleTimeout().toMillis() + (replication == null ? 0 : replication.slackMillis());
        this.absoluteMillis = config.absoluteTimeout().toMillis();
    }

    public UserSessionConfig config() {
        return config;
    }

    /** Starts the reaper, whose pass every second destroys sessions within two seconds of their expiry. */
    synchronized void startReaper() {
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        reaper = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "usersession-reaper");
            thread.setDaemon(true);
            thread.setContextClassLoader(application);
            return thread;
        });
        reaper.scheduleWithFixedDelay(this::reap, 1, 1, TimeUnit.SECONDS);
    }

    /** Stops the reaper and ends every session; sessions in use are destroyed when their requests end. */
    void stop() {
        ExecutorService stopping;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            stopping = reaper;
        }
        if (stopping != null) {
            stopping.shutdownNow();
            try {
                stopping.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (StoredSession session : store.sessions()) {
            if (replication == null) {
                end(session, SessionEndReason.SHUTDOWN);
            } else {
                drop(session); // the session lives on in the shared store, for the other servers
            }
        }
        if (replication != null) {
            replication.stop();
        }
    }

    /**
     * A new session, counted in for the caller, who must {@link #announce} it once bound and release it later.
     *
     * @throws SessionLimitException when {@code usersession.max-sessions} sessions are live
     */
    StoredSession create() {
        if (stopped) {
            throw stopping();
        }
        long now = clock.getAsLong();
        int count = replication == null ? live.incrementAndGet() : replication.count(now) + 1;
        if (count > config.maxSessions()) {
            if (replication == null) {
                live.decrementAndGet();
            }
            throw new SessionLimitException(UserSessionConfig.MAX_SESSIONS + ": all " + config.maxSessions()
                    + " user sessions are in use; no new session can start until one ends");
        }
        StoredSession session;
        do {
            session = newSession(now);
        } while (!file(session, now));
        if (replication != null) {
            live.incrementAndGet();
        }
        if (stopped) {
            // stop() may have taken its snapshot of the store before this session was filed: it would never end.
            store.remove(session.id(), session);
            live.decrementAndGet();
            throw stopping();
        }
        session.enter();
        expiries.add(session, deadline(session));
        return session;
    }

    private StoredSession newSession(long now) {
        if (replication == null) {
            return new StoredSession(SessionId.random(), now);
        }
        SessionId id = SessionId.random();
        return new StoredSession(id, now, ThreadLocalRandom.current().nextLong(),
                new Replica(Replication.key(id), replication));
    }

    private boolean file(StoredSession session, long now) {
        if (!store.putIfAbsent(session.id(), session)) {
            return false;
        }
        if (replication != null && !replication.create(session, now)) {
            store.remove(session.id(), session);
            return false;
        }
        return true;
    }

    private static IllegalStateException stopping() {
        return new IllegalStateException("The application is stopping: no new user session can start");
    }

    /** Fires {@code @Initialized} for a session that its creator has bound. */
    void announce(StoredSession session) {
        events.initialized(handle(session));
    }

    /** The view of a session that applications get. */
    SessionRef handle(StoredSession session) {
        return new SessionRef(this, session);
    }

    /** When the session expires unless it is used again, in clock milliseconds. */
    long deadline(StoredSession session) {
        return session.deadline(idleMillis, absoluteMillis);
    }

    /**
     * The live session named by a well-formed ID, counted in and marked as used now; null for anything else. An
     * expired session is ended here, so it is never served however late the reaper is.
     */
    public StoredSession find(SessionId id) {
        if (replication != null) {
            return findShared(id);
        }
        StoredSession session = store.get(id);
        if (session == null) {
            return null;
        }
        long now = clock.getAsLong();
        if (!enterUnexpired(session, now)) {
            return null;
        }
        session.touch(now);
        return session;
    }

    /**
     * The live session named by an ID in the shared store, with this server's copy brought up to date: one read of
     * the store; the beans another server changed are read again when a request uses them.
     */
    private StoredSession findShared(SessionId id) {
        String key = Replication.key(id);
        byte[] record = replication.read(key);
        StoredSession local = store.get(id);
        if (record == null) {
            if (local != null) {
                drop(local); // ended or expired elsewhere
            }
            return null;
        }
        if (local == null || !local.isLive()) {
            StoredSession copy = replication.copyOf(id, key, record);
            if (store.putIfAbsent(id, copy)) {
                live.incrementAndGet();
                replication.filed(copy);
                expiries.add(copy, deadline(copy));
                local = copy;
            } else {
                local = store.get(id);
                if (local == null) {
                    return null;
                }
            }
        } else {
            replication.sync(local, record);
        }
        long now = clock.getAsLong();
        if (!enterUnexpired(local, now)) {
            return null;
        }
        local.touch(now);
        return local;
    }

    /** Drops this server's copy of a shared session, which lives on in the store; a binding may still use it. */
    private void drop(StoredSession session) {
        if (store.remove(session.id(), session)) {
            live.decrementAndGet();
        }
        replication.dropped(session);
    }

    /** Counts a binding in to a session of this registry; false when it is not live. */
    public boolean enter(StoredSession session) {
        return store.get(session.id()) == session && enterUnexpired(session, clock.getAsLong());
    }

    private boolean enterUnexpired(StoredSession session, long now) {
        SessionEndReason expiry = session.expiry(now, idleMillis, absoluteMillis);
        if (expiry != null) {
            end(session, expiry);
            return false;
        }
        if (!session.enter()) {
            release(session);
            return false;
        }
        return true;
    }

    /**
     * Writes what the current binding changed in a session to the shared store, if there is one.
     *
     * @throws IllegalStateException naming the bean and the field when a bean cannot be serialized
     */
    void save(StoredSession session) {
        if (session.replica() != null) {
            replication.save(session, clock.getAsLong());
        }
    }

    /** Lets go of a session; the last one to let go of an ended session destroys it. */
    void release(StoredSession session) {
        if (session.leave()) {
            destroy(session);
        }
    }

    /** Ends a session: its ID stops working now, its beans are destroyed as soon as no binding uses it. */
    void end(StoredSession session, SessionEndReason reason) {
        synchronized (session) {
            if (!session.end(reason)) {
                return;
            }
            if (!store.remove(session.id(), session) && session.replica() != null) {
                live.incrementAndGet(); // a copy that was never filed here: nothing to count out
            }
        }
        live.decrementAndGet();
        endedSinceCompaction.incrementAndGet();
        if (session.replica() != null && !replication.remove(session)) {
            session.disown(); // ended or expired on another server, which destroys it
            return;
        }
        if (session.claimDestroy()) {
            destroy(session);
        }
    }

    /**
     * The live session that the given ID named until a renewal within the last minute; null for anything else. It is
     * not counted in: it serves no request, it only lets a logout find what to end.
     */
    public StoredSession renamedSession(SessionId oldId) {
        StoredSession session = renamed.get(oldId);
        if (session != null || replication == null) {
            return session;
        }
        // Renewed on another server: the store forwards the old key to the new one.
        String key = replication.forwardedTo(oldId);
        session = replication.local(key);
        if (session == null && key != null) {
            byte[] record = replication.read(key);
            // A copy that is never filed: this server does not know the new ID, only where its record is.
            session = record == null ? null : replication.copyOf(SessionId.random(), key, record);
        }
        return session != null && session.isLive() ? session : null;
    }

    /**
     * Ends a session that a response created or renewed but could not name to its client (it failed, or it was
     * committed first): no client can ever use it again, so it must not wait for its timeout.
     */
    public void endUndelivered(StoredSession session) {
        end(session, SessionEndReason.UNDELIVERED);
    }

    /** Gives a live session a new ID; the old one stops working at once. */
    boolean renewId(StoredSession session) {
        synchronized (session) {
            if (!session.isLive()) {
                return false;
            }
            SessionId old = session.id();
            long now = clock.getAsLong();
            SessionId renewed;
            do {
                renewed = SessionId.random();
            } while (!rename(session, renewed, now));
            session.renameTo(renewed);
            store.remove(old, session);
            renamed.add(old, session, now);
            return true;
        }
    }

    private boolean rename(StoredSession session, SessionId renewed, long now) {
        if (!store.putIfAbsent(renewed, session)) {
            return false;
        }
        if (session.replica() != null && !replication.rename(session, renewed, now)) {
            store.remove(renewed, session);
            return false;
        }
        return true;
    }

    /** The live sessions: of this server with the memory store, of the whole cluster with a shared store. */
    int count() {
        return replication == null ? live.get() : replication.count(clock.getAsLong());
    }

    /**
     * The shared store let a record expire: ends and destroys the session here, with its beans read from the record.
     * The store reports each expiry on one server only.
     */
    void expiredInStore(String key, byte[] record) {
        StoredSession session = replication.local(key);
        if (session == null) {
            session = replication.copyOf(SessionId.random(), key, record);
        } else {
            replication.sync(session, record);
        }
        long now = clock.getAsLong();
        SessionEndReason reason = session.expiry(now, idleMillis, absoluteMillis) == SessionEndReason.ABSOLUTE_TIMEOUT
                ? SessionEndReason.ABSOLUTE_TIMEOUT : SessionEndReason.IDLE_TIMEOUT;
        synchronized (session) {
            if (!session.end(reason)) {
                return;
            }
        }
        drop(session);
        if (session.claimDestroy()) {
            destroy(session);
        }
    }

    /** A shared record disappeared: this server's copy, if any, is dropped without destroying its beans. */
    void goneFromStore(String key) {
        StoredSession session = replication.local(key);
        if (session != null) {
            drop(session);
        }
    }

    /** How many sessions the expiry queue holds, ended ones not yet dropped included. */
    int queued() {
        return expiries.size();
    }

    /** One reaper pass: ends the sessions that are due, files the others by their new deadline. */
    void reap() {
        // Sessions ended before their deadline still sit in the expiry queue; drop them once there are as many as
        // live ones, so that a client looping through login and logout cannot grow the heap beyond the cap.
        if (endedSinceCompaction.get() > Math.max(1024, live.get())) {
            endedSinceCompaction.set(0);
            expiries.removeEnded();
        }
        long now = clock.getAsLong();
        renamed.forget(now);
        for (StoredSession session : expiries.pollDue(now)) {
            try {
                if (session.isLive()) {
                    SessionEndReason expiry = session.expiry(now, idleMillis, absoluteMillis);
                    if (expiry != null && session.replica() != null) {
                        // Only the store knows when another server last used it: it reports the expiry itself.
                        drop(session);
                    } else if (expiry != null) {
                        end(session, expiry);
                    } else {
                        expiries.add(session, deadline(session));
                    }
                }
            } catch (RuntimeException | Error e) {
                // Thrown out of the periodic task, this would cancel it and no session would ever expire again.
                LOG.log(Level.SEVERE, e, () -> "Reaping " + session + " failed; the reaper goes on");
            }
        }
    }

    /**
     * Destroys an ended session with it bound, as Weld's own session scope does: its {@code @BeforeDestroyed}
     * observers and its beans' {@code @PreDestroy} methods may use its other beans.
     */
    private void destroy(StoredSession session) {
        SessionRef handle = handle(session);
        Binding previous = Binding.forDying(this, session).bind();
        try {
            events.beforeDestroyed(handle, session.endReason());
            if (session.replica() != null) {
                replication.restoreAll(session); // so that every bean the record holds gets its @PreDestroy
            }
            session.destroyBeans();
        } finally {
            Binding.restore(previous);
        }
        events.destroyed(handle, session.endReason());
    }

}
