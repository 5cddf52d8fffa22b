package io.github.usersession.internal;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What a server knows about the shared record of a session it holds a local copy of: the record's key and version,
 * and each bean's bytes as last read or written, against which a request's changes are found.
 */
// One per local copy, and only with a shared store: the memory store's sessions have none and pay nothing for it.
final class Replica {

    /** The store key: a one-way hash of the current session ID. */
    volatile String key;
    /** The record as last read or written; a write replaces it only if it is still this, byte for byte. */
    volatile byte[] record;
    /** The version of {@link #record}, which the local instances correspond to. */
    volatile long version;
    /**
     * The version this server last tried to write, 0 before its first write: the store's report of it is recognized
     * without the lock. Left as it is after a failure: at worst a report is skipped, and the next request reads.
     */
    volatile long writing;
    /** The newest version the store reported written; a copy behind it serves no request unread. */
    volatile long reported;
    /** Guards the copy's instances, bytes and version against a request's save and the store's reports. */
    final ReentrantLock lock = new ReentrantLock();
    /** The access time the record holds: a request writes a newer one when this is a few seconds old. */
    volatile long recordedAccess;
    /** The user {@link #record} names, or null: a sign-in on this server is written when it differs. */
    volatile String principal;
    /** Each bean's bytes in {@link #record}, by bean key. */
    final Map<Long, byte[]> stored = new ConcurrentHashMap<>();
    /** The beans that requests used since the last save, by bean key: only they are serialized again. */
    final Set<Long> used = ConcurrentHashMap.newKeySet();

    final Replication replication;

    Replica(String key, Replication replication) {
        this.key = key;
        this.replication = replication;
    }
}
