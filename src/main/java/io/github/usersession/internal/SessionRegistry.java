package io.github.usersession.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.usersession.SessionEndReason;
import io.github.usersession.SessionLimitException;
import io.github.usersession.internal.security.LocalPrincipalIndex;
import io.github.usersession.internal.security.PrincipalIndex;
import io.github.usersession.internal.security.Principals;
import io.github.usersession.internal.security.RejectedIds;
import io.github.usersession.internal.security.SessionStatistics;

/**
 * The live sessions of one application: creates them within the cap, finds them by ID in strict mode, renews their
 * IDs, ends them, and reaps the expired ones on a background thread.
 */
public final class SessionRegistry {

    private static final Logger LOG = Logger.getLogger(SessionRegistry.class.getName());

    /** See {@link RenamedIds#GRACE_MILLIS}. */
    static final long RENAMED_GRACE_MILLIS = RenamedIds.GRACE_MILLIS;

    private final UserSessionConfig config;
    private final LiveSessions store;
    private final SessionEvents events;
    private final LongSupplier clock;
    private final ExpiryQueue expiries = new ExpiryQueue();
    private final AtomicInteger live = new AtomicInteger();
    private final RenamedIds renamed = new RenamedIds();
    /** Sessions ended (by logout, mostly) since the expiry queue last dropped ended ones. */
    private final AtomicInteger endedSinceCompaction = new AtomicInteger();
    private final long idleMillis;
    private final long absoluteMillis;
    private final SessionStatistics statistics = new SessionStatistics();
    private final Principals principals;
    private final RejectedIds rejectedIds;
    private ScheduledExecutorService reaper;
    private volatile boolean stopped;

    SessionRegistry(UserSessionConfig config, LiveSessions store, SessionEvents events, LongSupplier clock) {
        this(config, store, events, clock, new LocalPrincipalIndex());
    }

    /**
     * A registry whose sessions are indexed by principal in the given index: a store shared between servers must
     * bring an index shared as widely as itself, or a user's sessions on other servers could not be found or ended.
     */
    SessionRegistry(UserSessionConfig config, LiveSessions store, SessionEvents events, LongSupplier clock,
            PrincipalIndex principalIndex) {
        this.config = config;
        this.store = store;
        this.events = events;
        this.clock = clock;
        this.idleMillis = config.idleTimeout().toMillis();
        this.absoluteMillis = config.absoluteTimeout().toMillis();
        this.principals = new Principals(principalIndex, config.maxSessionsPerPrincipal(), this::end);
        this.rejectedIds = new RejectedIds(events.beanManager(), statistics);
    }

    public UserSessionConfig config() {
        return config;
    }

    /** Who owns which session: sign-in, the per-user limit, finding and ending a user's sessions. */
    public Principals principals() {
        return principals;
    }

    /** Where the web layer reports an ID that names no live session. */
    public RejectedIds rejectedIds() {
        return rejectedIds;
    }

    /** The running totals, for monitoring. */
    public SessionStatistics statistics() {
        return statistics;
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
            end(session, SessionEndReason.SHUTDOWN);
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
        if (live.incrementAndGet() > config.maxSessions()) {
            live.decrementAndGet();
            statistics.capRefused();
            throw new SessionLimitException(UserSessionConfig.MAX_SESSIONS + ": all " + config.maxSessions()
                    + " user sessions are in use; no new session can start until one ends");
        }
        long now = clock.getAsLong();
        StoredSession session;
        do {
            session = new StoredSession(SessionId.random(), now);
        } while (!store.putIfAbsent(session.id(), session));
        if (stopped) {
            // stop() may have taken its snapshot of the store before this session was filed: it would never end.
            store.remove(session.id(), session);
            live.decrementAndGet();
            throw stopping();
        }
        session.enter();
        expiries.add(session, deadline(session));
        statistics.created();
        return session;
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

    /** Lets go of a session; the last one to let go of an ended session destroys it. */
    void release(StoredSession session) {
        if (session.leave()) {
            destroy(session);
        }
    }

    /**
     * Ends a session: its ID stops working now, its beans are destroyed as soon as no binding uses it.
     *
     * @return true for the one call that ended it
     */
    public boolean end(StoredSession session, SessionEndReason reason) {
        synchronized (session) {
            if (!session.end(reason)) {
                return false;
            }
            store.remove(session.id(), session);
        }
        live.decrementAndGet();
        endedSinceCompaction.incrementAndGet();
        statistics.ended(reason);
        principals.ended(session);
        if (session.claimDestroy()) {
            destroy(session);
        }
        return true;
    }

    /**
     * The live session that the given ID named until a renewal within the last minute; null for anything else. It is
     * not counted in: it serves no request, it only lets a logout find what to end.
     */
    public StoredSession renamedSession(SessionId oldId) {
        return renamed.session(oldId);
    }

    /**
     * Ends a session that a response created or renewed but could not name to its client (it failed, or it was
     * committed first): no client can ever use it again, so it must not wait for its timeout.
     */
    public void endUndelivered(StoredSession session) {
        end(session, SessionEndReason.UNDELIVERED);
    }

    /** Gives a live session a new ID; the old one stops working at once. False when it has ended. */
    public boolean renewId(StoredSession session) {
        synchronized (session) {
            if (!session.isLive()) {
                return false;
            }
            SessionId old = session.id();
            SessionId renewed;
            do {
                renewed = SessionId.random();
            } while (!store.putIfAbsent(renewed, session));
            session.renameTo(renewed);
            store.remove(old, session);
            renamed.add(old, session, clock.getAsLong());
            return true;
        }
    }

    /** How many sessions are live. */
    public int count() {
        return live.get();
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
        renamed.forgetOlderThanGrace(now);
        for (StoredSession session : expiries.pollDue(now)) {
            try {
                if (session.isLive()) {
                    SessionEndReason expiry = session.expiry(now, idleMillis, absoluteMillis);
                    if (expiry != null) {
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
            session.destroyBeans();
        } finally {
            Binding.restore(previous);
        }
        events.destroyed(handle, session.endReason());
    }
}
