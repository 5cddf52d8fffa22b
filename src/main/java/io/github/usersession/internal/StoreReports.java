package io.github.usersession.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.usersession.internal.store.SessionRecord;

/**
 * What a shared store reported of its records, and what this server's copies may do because of it: a copy serves a
 * request without a read of the store when the client shows the copy's version and no newer one was reported; a
 * reported write brings a copy up to date when nothing is using it; a reported removal is remembered for a while.
 */
// Only with a store that reports every change and confirms every removal (SessionStore.reportsEveryChange): with any
// other, every request reads the record. The reports come on the store's threads, which must never wait: a removal
// elsewhere in the cluster waits for this server's confirmation, which the same threads send.
final class StoreReports {

    /** How long a removal is remembered: far beyond a read and the filing of a copy, in milliseconds. */
    private static final long GONE_MEMORY_MILLIS = 10_000;

    /** Whether the store reports every change and confirms removals, so that a copy the client vouches for serves. */
    private final boolean copiesServe;
    private final Replication replication;
    /** When the store reported each recently removed record gone, in clock milliseconds, by key. */
    private final Map<String, Long> goneAt = new ConcurrentHashMap<>();

    StoreReports(boolean copiesServe, Replication replication) {
        this.copiesServe = copiesServe;
        this.replication = replication;
    }

    /** Whether a client's version of a record is worth carrying: the store lets a current copy serve without a read. */
    boolean copiesServe() {
        return copiesServe;
    }

    /**
     * Whether this server's copy is the session as the client last saw it, so that it serves without a read of the
     * store: the client's version is the copy's, and the store would have reported a newer one. A client that shows no
     * version ({@code known} 0) or an older one gets the record read.
     */
    boolean current(StoredSession copy, long known) {
        Replica replica = copy.replica();
        return copiesServe && known > 0 && replica.version == known && replica.reported <= known;
    }

    /**
     * Brings a local copy up to a record the store reported written, unless the copy is as new already: a report of
     * this server's own write may come after its next one.
     */
    void changed(StoredSession session, byte[] bytes) {
        Replica replica = session.replica();
        long version = SessionRecord.versionOf(bytes);
        // Most reports are of this server's own writes, which come while the writer still holds the lock: recognized
        // without it, the store's event thread never waits for a write to return. A version that another server wrote
        // while this one was writing the same version fails this one's compare-and-set, whose retry reads it.
        if (version <= replica.version || version == replica.writing) {
            return;
        }
        if (version > replica.reported) {
            replica.reported = version; // one event thread per key: no other writer
        }
        // Never waits, so that the store's event thread goes on with other sessions' reports (and removals, which
        // their removers wait for): a copy that a request is using, or whose lock is taken, is left as it is; being
        // behind what was reported, it serves no request unread, and the next request reads the record.
        if (session.inUse() || !replica.lock.tryLock()) {
            return;
        }
        try {
            if (version > replica.version) {
                replication.sync(session, bytes, SessionRecord.decode(bytes));
            }
        } finally {
            replica.lock.unlock();
        }
    }

    /**
     * Notes that a record is gone, for {@link #goneRecently}: a request that read it just before may be about to file a
     * copy that the report, which found none, could not drop.
     */
    void gone(String key, long now) {
        goneAt.put(key, now);
        if (goneAt.size() > 1024) {
            goneAt.values().removeIf(at -> now - at > GONE_MEMORY_MILLIS);
        }
    }

    /** Whether the store reported the record gone within the last few seconds. */
    boolean goneRecently(String key, long now) {
        Long at = goneAt.get(key);
        return at != null && now - at <= GONE_MEMORY_MILLIS;
    }
}
