package io.github.usersession.internal;

import java.util.function.LongSupplier;

import io.github.usersession.internal.security.Principals;

/**
 * Renews the IDs of a registry's sessions, and remembers for a minute which session each replaced ID named, so that a
 * logout racing a renewal still finds what to end; with a shared store, through the store's forwards.
 */
final class IdRenewals {

    private final LiveSessions store;
    /** The shared store's side, or null with the memory store. */
    private final Replication replication;
    private final SharedSessions shared;
    private final Principals principals;
    private final LongSupplier clock;
    private final RenamedIds renamed = new RenamedIds();

    IdRenewals(LiveSessions store, Replication replication, SharedSessions shared, Principals principals,
            LongSupplier clock) {
        this.store = store;
        this.replication = replication;
        this.shared = shared;
        this.principals = principals;
        this.clock = clock;
    }

    /** Gives a live session a new ID; the old one stops working at once. False when it has ended. */
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
            principals.renamed(session, old);
            return true;
        }
    }

    /** Files the session under the new ID, here and in a shared store; false when the ID is taken. */
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

    /** The live session that the given ID named until a renewal within the last minute, or null. */
    StoredSession renamedSession(SessionId oldId) {
        StoredSession session = renamed.get(oldId);
        return session != null || shared == null ? session : shared.renamed(oldId);
    }

    /** Forgets the renewals older than the grace period. */
    void forget(long now) {
        renamed.forget(now);
    }
}
