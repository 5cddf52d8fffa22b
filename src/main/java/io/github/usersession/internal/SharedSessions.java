package io.github.usersession.internal;

import io.github.usersession.SessionEndReason;
import io.github.usersession.internal.security.SharedSessionLookup;

/**
 * The registry's side of a shared store: finds a session by reading its record and keeps this server's copy of it,
 * and answers the store's reports of expired and vanished records.
 */
// A copy is filed under its ID like any session of the memory store, but it is never reaped here: only the store knows
// when another server last used the session. The store reports expiry once in the cluster and removals everywhere;
// a report that got lost is made good by the next request, which finds no record and drops the copy.
final class SharedSessions implements SharedSessionLookup {

    private final SessionRegistry registry;
    private final LiveSessions copies;
    private final Replication replication;

    SharedSessions(SessionRegistry registry, LiveSessions copies, Replication replication) {
        this.registry = registry;
        this.copies = copies;
        this.replication = replication;
    }

    /**
     * The live session named by an ID, with this server's copy brought up to date: one read of the store; beans that
     * another server changed are read again when a request uses them. Null when the store has no such session.
     */
    StoredSession find(SessionId id, long now, long knownVersion) {
        StoredSession copy = copies.get(id);
        if (copy != null && copy.isLive() && replication.reports().current(copy, knownVersion)
                && registry.expiry(copy, now) == null) {
            // The client saw this version, and the store reports every newer one and every removal before the response
            // that made it: the copy is the session as the client knows it. The copy's own access time may only lag
            // the cluster's, so it never looks alive when the record has expired.
            return entered(copy, now);
        }
        String key = Replication.key(id);
        byte[] record = replication.read(key);
        if (record == null) {
            if (copy != null) {
                drop(copy); // ended or expired elsewhere
            }
            return null;
        }
        if (copy == null || !copy.isLive()) {
            StoredSession fresh = replication.copyOf(id, key, record);
            if (copies.putIfAbsent(id, fresh)) {
                replication.filed(fresh);
                if (replication.reports().goneRecently(key, now)) {
                    // Removed between the read and the filing: the report found no copy to drop, so this one goes.
                    drop(fresh);
                    return null;
                }
                copy = fresh;
            } else {
                copy = copies.get(id);
                if (copy == null) {
                    return null;
                }
            }
        } else {
            replication.sync(copy, record);
        }
        return entered(copy, now);
    }

    private StoredSession entered(StoredSession copy, long now) {
        if (!registry.enterUnexpired(copy, now)) {
            return null;
        }
        copy.touch(now);
        if (copy.principal() != null) {
            // Signed in here or on another server: this server's index lists the copies it holds.
            registry.principals().holds(copy);
        }
        return copy;
    }

    /** Drops this server's copy of a session, which lives on in the store; a binding may still use it. */
    void drop(StoredSession session) {
        copies.remove(session.id(), session);
        replication.dropped(session);
        registry.principals().dropped(session);
    }

    @Override
    public String keyOf(StoredSession session) {
        return session.replica().key;
    }

    @Override
    public String keyOf(SessionId id) {
        return Replication.key(id);
    }

    @Override
    public StoredSession find(String filed) {
        // Renewed on some server, which is about to file the new key in the index: the session is under that key.
        Replication.Located found = replication.readFollowingRenewals(filed);
        if (found == null) {
            return null;
        }
        StoredSession local = replication.local(found.key());
        if (local != null && local.isLive()) {
            return local; // as the requests on this server last left it: only a request brings it up to date
        }
        // A copy that is never filed: this server does not know the session's ID, only where its record is.
        return replication.copyOf(SessionId.random(), found.key(), found.record());
    }

    /** Whether the store has the session's record, under its key or the key a renewal moved it to. */
    boolean stored(StoredSession session) {
        return replication.readFollowingRenewals(session.replica().key) != null;
    }

    /** A session renewed on another server within the grace period from the given ID, or null. */
    StoredSession renamed(SessionId oldId) {
        String key = replication.forwardedTo(oldId);
        StoredSession session = replication.local(key);
        if (session == null && key != null) {
            session = find(key);
        }
        return session != null && session.isLive() ? session : null;
    }

    /** The store let a record expire: the session ends and is destroyed here, with its beans read from the record. */
    void expired(String key, byte[] record) {
        StoredSession session = replication.local(key);
        if (session == null) {
            session = replication.copyOf(SessionId.random(), key, record);
        } else {
            replication.sync(session, record);
        }
        SessionEndReason reason = replication.expiryReason(record);
        synchronized (session) {
            if (!session.end(reason)) {
                return;
            }
        }
        registry.statistics().ended(reason);
        registry.principals().ended(session);
        registry.announceEnd(session);
        drop(session);
        registry.destroyIfUnused(session);
    }

    /** A record was written, here or on another server: this server's copy, if older, is brought up to it. */
    void changed(String key, byte[] record) {
        StoredSession session = replication.local(key);
        if (session != null && session.isLive()) {
            replication.reports().changed(session, record);
        }
    }

    /** A record disappeared: this server's copy, if any, is dropped without destroying its beans. */
    void gone(String key, long now) {
        // First noted, then looked up: a copy being filed now is either found here or finds the note.
        replication.reports().gone(key, now);
        StoredSession session = replication.local(key);
        if (session != null) {
            drop(session);
        }
    }
}
