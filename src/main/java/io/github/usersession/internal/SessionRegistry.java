package io.github.usersession.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import io.github.usersession.SessionEndReason;
import io.github.usersession.SessionLimitException;
import io.github.usersession.internal.security.LocalPrincipalIndex;
import io.github.usersession.internal.security.PrincipalIndex;
import io.github.usersession.internal.security.Principals;
import io.github.usersession.internal.security.RejectedIds;
import io.github.usersession.internal.security.SessionStatistics;
import io.github.usersession.internal.security.SharedPrincipalIndex;
import io.github.usersession.spi.RecordMap;

/**
 * The live sessions of one application: creates them within the cap, finds them by ID in strict mode, renews their
 * IDs, ends them, and reaps the expired ones on a background thread.
 */
public final class SessionRegistry {

    private final UserSessionConfig config;
    private final LiveSessions store;
    private final SessionEvents events;
    private final LongSupplier clock;
    private final Reaper reaper = new Reaper(this);
    private final AtomicInteger live = new AtomicInteger();
    /** The shared store's side, or null with the memory store. */
    private final Replication replication;
    private final SharedSessions shared;
    private final long idleMillis;
    private final long absoluteMillis;
    private final SessionStatistics statistics = new SessionStatistics();
    private final Principals principals;
    private final RejectedIds rejectedIds;
    private final SessionStarts starts;
    private final IdRenewals renewals;
    private final SessionEnds ends;
    private volatile boolean stopped;

    SessionRegistry(UserSessionConfig config, LiveSessions store, SessionEvents events, LongSupplier clock) {
        this(config, store, events, clock, null);
    }

    /**
     * A registry whose sessions a shared store keeps, when {@code replication} is not null; indexed by principal in
     * that store when it keeps a principal index, in this server's heap otherwise.
     */
    SessionRegistry(UserSessionConfig config, LiveSessions store, SessionEvents events, LongSupplier clock,
            Replication replication) {
        this(config, store, events, clock, replication, null);
    }

    /** A registry as above, whose sessions the given principal index files, when it is not null (tests). */
    SessionRegistry(UserSessionConfig config, LiveSessions store, SessionEvents events, LongSupplier clock,
            Replication replication, PrincipalIndex index) {
        this.config = config;
        this.store = store;
        this.events = events;
        this.clock = clock;
        this.replication = replication;
        this.shared = replication == null ? null : new SharedSessions(this, store, replication);
        // A shared record's access time may lag by the slack: a session ends within it after its idle timeout.
        this.idleMillis = config.idleTimeout().toMillis() + (replication == null ? 0 : replication.slackMillis());
        this.absoluteMillis = config.absoluteTimeout().toMillis();
        RecordMap principalRecords = replication == null ? null : replication.principalRecords();
        PrincipalIndex principalIndex = index != null ? index : principalRecords == null ? new LocalPrincipalIndex()
                : new SharedPrincipalIndex(principalRecords, shared, config.absoluteTimeout(), clock);
        this.principals = new Principals(principalIndex, config.maxSessionsPerPrincipal(), this::end);
        this.rejectedIds = new RejectedIds(events.beanManager(), statistics);
        this.starts = new SessionStarts(this, store, replication, live, reaper, clock);
        this.renewals = new IdRenewals(store, replication, shared, principals, clock);
        this.ends = new SessionEnds(this, store, replication, events, live, reaper, statistics, principals);
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
    void startReaper() {
        reaper.start();
    }

    /** Stops the reaper and ends every session; sessions in use are destroyed when their requests end. */
    void stop() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        reaper.stop();
        for (StoredSession session : store.sessions()) {
            if (replication == null) {
                end(session, SessionEndReason.SHUTDOWN);
            } else {
                shared.drop(session); // the session lives on in the shared store, for the other servers
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
        return starts.create();
    }

    /** Whether the application is stopping: no session may start any more. */
    boolean stopped() {
        return stopped;
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
        return find(id, 0);
    }

    /**
     * As {@link #find(SessionId)}, for a client that shows the version of the shared record it last saw: with a store
     * that reports every change, a copy of that version serves without a read of the store. 0 when it shows none.
     */
    public StoredSession find(SessionId id, long knownVersion) {
        long now = clock.getAsLong();
        if (shared != null) {
            return shared.find(id, now, knownVersion);
        }
        StoredSession session = store.get(id);
        if (session == null) {
            return null;
        }
        if (!enterUnexpired(session, now)) {
            return null;
        }
        session.touch(now);
        return session;
    }

    /**
     * Counts in a binding off the request thread (a task, a WebSocket call) to a session it was handed earlier; false
     * when the session has ended since. With a shared store this server's copy is brought up to date first, so that
     * the binding sees what other servers wrote meanwhile. {@code used} marks the session as used now, as a request
     * does: a WebSocket message counts, a task does not.
     */
    public boolean enterCarried(StoredSession session, boolean used) {
        if (session.replica() != null) {
            byte[] record = replication.read(session.replica().key);
            if (record == null) {
                return false; // ended, or expired, on another server
            }
            replication.sync(session, record);
        }
        long now = clock.getAsLong();
        if (store.get(session.id()) != session || !enterUnexpired(session, now)) {
            return false;
        }
        if (used) {
            session.touch(now);
        }
        return true;
    }

    /**
     * The live session named by a well-formed ID, marked as used now but not counted in: for a WebSocket handshake,
     * which only remembers it for the calls to come. Null for anything else.
     */
    public StoredSession lookUp(SessionId id) {
        StoredSession found = find(id);
        if (found != null) {
            release(found);
        }
        return found;
    }

    /**
     * Calls the listener with each session that ends from now on (logout, timeout, shutdown), on the thread that ends
     * it and after its ID has stopped working, possibly before its beans are destroyed. A listener that throws is
     * logged and the others still run.
     */
    public void whenEnded(Consumer<StoredSession> listener) {
        ends.whenEnded(listener);
    }

    /** Tells the listeners that the session has ended. */
    void announceEnd(StoredSession session) {
        ends.announce(session);
    }

    /**
     * Whether the session is live: for a copy of a shared session that this server does not hold (a handle that
     * {@code findByPrincipal} made from the record), whether the store still has the record.
     */
    boolean isLive(StoredSession session) {
        if (!session.isLive()) {
            return false;
        }
        return session.replica() == null || holds(session) || shared.stored(session);
    }

    /** Whether this server holds the session, under its current ID. */
    boolean holds(StoredSession session) {
        return store.get(session.id()) == session;
    }

    /** Counts a binding in to a session of this registry; false when it is not live. */
    public boolean enter(StoredSession session) {
        return holds(session) && enterUnexpired(session, clock.getAsLong());
    }

    /** Counts a binding in to a session that has not expired; an expired one is ended instead. */
    boolean enterUnexpired(StoredSession session, long now) {
        SessionEndReason expiry = expiry(session, now);
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
        if (session.replica() != null && !replication.save(session, clock.getAsLong())) {
            shared.drop(session); // ended on another server: the next request finds no record
        }
    }

    /** Why the session has expired at {@code now}, or null while it has not. */
    SessionEndReason expiry(StoredSession session, long now) {
        return session.expiry(now, idleMillis, absoluteMillis);
    }

    /** Lets go of a session; the last one to let go of an ended session destroys it. */
    void release(StoredSession session) {
        ends.release(session);
    }

    /**
     * Ends a session: its ID stops working now, its beans are destroyed as soon as no binding uses it. With a shared
     * store, this server destroys it only if it removes the record; a session that another server ended meanwhile is
     * only let go of here.
     *
     * @return true for the one call that ended it; false when it had ended, here or, with a shared store, elsewhere
     */
    public boolean end(StoredSession session, SessionEndReason reason) {
        return ends.end(session, reason);
    }

    /** Destroys an ended session now unless a binding still uses it: the last to let go destroys it then. */
    void destroyIfUnused(StoredSession session) {
        ends.destroyIfUnused(session);
    }

    /**
     * The live session that the given ID named until a renewal within the last minute; null for anything else. It is
     * not counted in: it serves no request, it only lets a logout find what to end.
     */
    public StoredSession renamedSession(SessionId oldId) {
        return renewals.renamedSession(oldId);
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
        return renewals.renewId(session);
    }

    /** The live sessions: of this server with the memory store, of the whole cluster with a shared store. */
    public int count() {
        return replication == null ? live.get() : replication.count(clock.getAsLong());
    }

    /** The shared store let a record expire; it reports each expiry on one server only. */
    void expiredInStore(String key, byte[] record) {
        shared.expired(key, record);
    }

    /** A shared record disappeared: this server's copy, if any, is dropped without destroying its beans. */
    void goneFromStore(String key) {
        shared.gone(key, clock.getAsLong()); // the clock that find() compares the note with
    }

    /** A shared record was written, here or elsewhere: this server's copy, if older, is brought up to it. */
    void changedInStore(String key, byte[] record) {
        shared.changed(key, record);
    }

    /**
     * The version of the shared record that the session's copy on this server corresponds to, for the client to show
     * on its next request; 0 with the memory store, or when the store does not let current copies serve.
     */
    public long version(StoredSession session) {
        return session.replica() != null && versionsServe() ? session.replica().version : 0;
    }

    /** Whether clients should show the version of the shared record they last saw: see {@link #version}. */
    public boolean versionsServe() {
        return replication != null && replication.reports().copiesServe();
    }

    /** How many sessions the expiry queue holds, ended ones not yet dropped included. */
    int queued() {
        return reaper.queued();
    }

    /** One reaper pass: ends the sessions that are due, and forgets old renewals. */
    void reap() {
        long now = clock.getAsLong();
        renewals.forget(now);
        reaper.pass(now, live.get());
    }
}
