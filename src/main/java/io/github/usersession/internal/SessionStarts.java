package io.github.usersession.internal;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import io.github.usersession.SessionLimitException;

/**
 * Starts the sessions of a registry: within {@code usersession.max-sessions}, under an ID that no live session has,
 * filed in this server's sessions and, with a shared store, in the store.
 */
final class SessionStarts {

    private final SessionRegistry registry;
    private final LiveSessions store;
    /** The shared store's side, or null with the memory store. */
    private final Replication replication;
    /** The registry's count of live sessions, kept with the memory store only. */
    private final AtomicInteger live;
    private final Reaper reaper;
    private final LongSupplier clock;

    SessionStarts(SessionRegistry registry, LiveSessions store, Replication replication, AtomicInteger live,
            Reaper reaper, LongSupplier clock) {
        this.registry = registry;
        this.store = store;
        this.replication = replication;
        this.live = live;
        this.reaper = reaper;
        this.clock = clock;
    }

    /**
     * A new session, counted in for the caller, who must announce it once bound and release it later.
     *
     * @throws SessionLimitException when {@code usersession.max-sessions} sessions are live
     */
    StoredSession create() {
        if (registry.stopped()) {
            throw stopping();
        }
        long now = clock.getAsLong();
        reserveSlot(now);
        StoredSession session;
        do {
            session = newSession(now);
        } while (!file(session, now));
        if (registry.stopped()) {
            // stop() may have taken its snapshot of the store before this session was filed: it would never end.
            store.remove(session.id(), session);
            if (replication == null) {
                live.decrementAndGet();
            } else {
                replication.remove(session);
            }
            throw stopping();
        }
        session.enter();
        if (replication == null) {
            reaper.file(session, registry.deadline(session)); // a shared store expires its records itself
        }
        registry.statistics().created();
        return session;
    }

    /**
     * Counts a new session in, within the cap: exactly with the memory store; with a shared store against the cluster's
     * count, which may be a second old.
     */
    private void reserveSlot(long now) {
        int count = replication == null ? live.incrementAndGet() : replication.count(now) + 1;
        int max = registry.config().maxSessions();
        if (count > max) {
            if (replication == null) {
                live.decrementAndGet();
            }
            registry.statistics().capRefused();
            throw new SessionLimitException(UserSessionConfig.MAX_SESSIONS + ": all " + max
                    + " user sessions are in use; no new session can start until one ends");
        }
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
}
