package io.github.usersession.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.github.usersession.SessionEndReason;
import io.github.usersession.internal.store.BeanSerializer;
import io.github.usersession.internal.store.SessionRecord;
import io.github.usersession.spi.RecordMap;
import io.github.usersession.spi.SessionStore;
import jakarta.enterprise.context.spi.Contextual;

/**
 * Keeps the sessions of this server in step with a shared {@link SessionStore}: writes a new session's record, reads
 * the record on each request and refreshes only the beans that another server changed, writes back the beans a
 * request changed, moves the record on a renewal, and removes it on an end, so that one server destroys it.
 */
// The request path costs one read of the store, or none when the client shows the version of this server's copy and
// the store lets such a copy serve (StoreReports): the record's version tells whether the local copy is current, and
// beans are deserialized only when their bytes differ and a request uses them. A write happens only for beans whose
// bytes changed, and to note the access time once every few seconds of use, which keeps the idle timeout cluster-wide.
final class Replication {

    private final SessionStore store;
    private final BeanSerializer serializer;
    private final BeanIndex beans;
    private final long idleMillis;
    private final long absoluteMillis;
    /** How stale the access time in a record may be: the idle timeout is enforced to within this, in milliseconds. */
    private final long slackMillis;
    private final Map<String, StoredSession> byKey = new ConcurrentHashMap<>();
    private final StoreReports reports;
    private final AtomicInteger createdSinceCount = new AtomicInteger();
    private volatile int counted;
    private volatile long countedAt = Long.MIN_VALUE;

    Replication(SessionStore store, BeanSerializer serializer, BeanIndex beans, Duration idle, Duration absolute) {
        this.store = store;
        this.serializer = serializer;
        this.beans = beans;
        this.idleMillis = idle.toMillis();
        this.absoluteMillis = absolute.toMillis();
        this.slackMillis = slack(idle);
        this.reports = new StoreReports(store.reportsEveryChange(), this);
    }

    /** What the store reported, and what a copy may do because of it. */
    StoreReports reports() {
        return reports;
    }

    /** A tenth of the idle timeout, at most ten seconds: how far a record's access time may lag, in milliseconds. */
    static long slack(Duration idle) {
        return Math.min(idle.toMillis() / 10, 10_000);
    }

    long slackMillis() {
        return slackMillis;
    }

    /** The store key of a session ID: a one-way hash, so that the store never holds a usable ID. */
    // The first 192 bits of SHA-256 (32 Base64 characters; 43 for all 256), since every key byte counts in the store's
    // memory per idle session: finding an ID for a given key still takes 2^192 tries, and a new session whose key is
    // taken draws another ID.
    static String key(SessionId id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(Sha256.of(id.encoded()), 24));
    }

    /** The store's map of principal records, or null when it keeps none. */
    RecordMap principalRecords() {
        return store.principalRecords();
    }

    /** Lets go of the store; the records stay for the other servers. */
    void stop() {
        store.stop();
    }

    /** The sessions in the whole cluster, from a count of at most a second ago plus this server's creations since. */
    int count(long now) {
        if (countedAt == Long.MIN_VALUE || now - countedAt >= 1000) {
            countedAt = now;
            createdSinceCount.set(0);
            counted = store.size();
        }
        return counted + createdSinceCount.get();
    }

    /** Writes a new session's record; false when its ID's key is taken, so that the caller draws another ID. */
    boolean create(StoredSession session, long now) {
        Replica replica = session.replica();
        byte[] record = SessionRecord.created(now, session.trace()).encode();
        if (!store.putIfAbsent(replica.key, record, timeToLive(now, now, now))) {
            return false;
        }
        replica.record = record;
        replica.version = 1;
        replica.recordedAccess = now;
        byKey.put(replica.key, session);
        createdSinceCount.incrementAndGet();
        return true;
    }

    /** The current record of a session ID, or null when the store has none. */
    byte[] read(String key) {
        return store.get(key);
    }

    /** A local copy of the session that a record describes, for a server that holds none yet. */
    StoredSession copyOf(SessionId id, String key, byte[] bytes) {
        SessionRecord record = SessionRecord.decode(bytes);
        StoredSession session = new StoredSession(id, record.createdAt(), record.traceId(), new Replica(key, this));
        session.touch(record.lastAccess());
        sync(session, bytes, record);
        return session;
    }

    void filed(StoredSession session) {
        byKey.put(session.replica().key, session);
    }

    /**
     * Brings a local copy up to a record: a bean whose bytes differ from the copy's is dropped, to be read again when
     * a request uses it; the others keep their instances.
     */
    void sync(StoredSession session, byte[] bytes) {
        if (session.replica().version != SessionRecord.versionOf(bytes)) {
            sync(session, bytes, SessionRecord.decode(bytes));
        }
    }

    void sync(StoredSession session, byte[] bytes, SessionRecord record) {
        Replica replica = session.replica();
        replica.lock.lock();
        try {
            for (Map.Entry<Long, byte[]> bean : record.beans().entrySet()) {
                byte[] local = replica.stored.put(bean.getKey(), bean.getValue());
                if (local != null && !Arrays.equals(local, bean.getValue())) {
                    session.supersede(beans.passivationId(bean.getKey()));
                }
            }
            replica.record = bytes;
            replica.version = record.version();
            replica.recordedAccess = Math.max(replica.recordedAccess, record.lastAccess());
            replica.principal = record.principal();
            if (record.principal() != null) {
                session.signIn(record.principal()); // another server signed the user in: this copy knows them too
            }
            session.touch(record.lastAccess());
        } finally {
            replica.lock.unlock();
        }
    }

    /** Marks a bean as used by the current request: it is serialized again when the request saves. */
    void used(Replica replica, Object passivationId) {
        replica.used.add(beans.key(passivationId));
    }

    /** The instance of a bean read from the record, or null when the record holds none. */
    <T> T restore(Replica replica, Object passivationId, Contextual<T> contextual) {
        byte[] bytes = replica.stored.get(beans.key(passivationId));
        @SuppressWarnings("unchecked")
        T restored = bytes == null ? null : (T) serializer.deserialize(bytes, beans.name(contextual));
        return restored;
    }

    /**
     * Writes back the beans that requests used since the last save and whose bytes changed, and the access time when
     * the record's is old; writes nothing otherwise. Another server's changes to other beans are kept.
     *
     * @return false when the record is gone: the session ended on another server, and this copy must go
     * @throws IllegalStateException naming the bean and the field when a bean cannot be serialized
     */
    boolean save(StoredSession session, long now) {
        Replica replica = session.replica();
        replica.lock.lock();
        try {
            Map<Long, byte[]> changed = new HashMap<>();
            session.forEachInstance((passivationId, instance) -> {
                long beanKey = beans.key(passivationId);
                if (replica.used.remove(beanKey)) {
                    byte[] bytes = serializer.serializeIfChanged(instance, beans.name(passivationId),
                            replica.stored.get(beanKey));
                    if (bytes != null) {
                        changed.put(beanKey, bytes);
                    }
                }
            });
            String principal = session.principal();
            boolean signedIn = principal != null && !principal.equals(replica.principal);
            if (!session.isLive() || changed.isEmpty() && !signedIn && now - replica.recordedAccess < slackMillis) {
                return true;
            }
            byte[] expected = replica.record;
            for (int attempt = 0; expected != null; attempt++) {
                SessionRecord base = SessionRecord.decode(expected);
                SessionRecord next = base.with(changed, now, principal);
                byte[] written = next.encode();
                replica.writing = next.version();
                if (store.replace(replica.key, expected, written, timeToLive(now, next.createdAt(), now))) {
                    // First what this server wrote, so that the sync below drops only what another server wrote.
                    replica.stored.putAll(changed);
                    if (base.version() != replica.version) {
                        sync(session, written, next); // another server wrote other beans meanwhile
                    }
                    replica.record = written;
                    replica.version = next.version();
                    replica.recordedAccess = now;
                    replica.principal = next.principal();
                    return true;
                }
                if (attempt > 100) {
                    throw new IllegalStateException("The state of " + session + " could not be written: the record"
                            + " kept changing under " + attempt + " attempts");
                }
                expected = store.get(replica.key);
            }
            // The record is gone: the session ended on another server meanwhile. Its changes go with it. A copy that
            // serves without reads learns it here at the latest, since the access time is written every slack.
            return false;
        } finally {
            replica.lock.unlock();
        }
    }

    /** Moves a session's record to its new ID's key; false when the new key is taken, so that another ID is drawn. */
    boolean rename(StoredSession session, SessionId renamed, long now) {
        Replica replica = session.replica();
        replica.lock.lock();
        try {
            String oldKey = replica.key;
            String newKey = key(renamed);
            byte[] moving = store.get(oldKey);
            if (moving == null) {
                return true; // ended elsewhere; the new ID will find nothing
            }
            if (!store.putIfAbsent(newKey, moving, timeToLive(now, session.createdAtMillis(), now))) {
                return false;
            }
            // The forward before the removal: an end on another server that finds the old key gone finds the new one.
            store.forward(oldKey, newKey, Duration.ofMillis(RenamedIds.GRACE_MILLIS));
            byte[] removed = store.remove(oldKey);
            if (removed == null) {
                // Ended on another server between the copy and the removal, with the state it removed: the copy goes.
                store.remove(newKey);
                return true;
            }
            if (!Arrays.equals(removed, moving)) {
                // Written between the copy and the removal: the newest state goes under the new key.
                store.replace(newKey, moving, removed, timeToLive(now, session.createdAtMillis(), now));
                moving = removed;
            }
            byKey.remove(oldKey, session);
            replica.key = newKey;
            // The copy may be older than what moved (another server wrote before or during the move): its beans too.
            sync(session, moving);
            replica.record = moving;
            byKey.put(newKey, session);
            return true;
        } finally {
            replica.lock.unlock();
        }
    }

    /** The key an old ID's record moved to on a renewal within the grace period, or null. */
    String forwardedTo(SessionId oldId) {
        return store.forwardedTo(key(oldId));
    }

    /** A record and the key it was found under. */
    record Located(String key, byte[] record) {
    }

    /**
     * The record under the key or, when a renewal on some server moved it within the grace period, under the key it
     * was forwarded to; null when there is none.
     */
    Located readFollowingRenewals(String key) {
        return followingRenewals(key, store::get);
    }

    /**
     * Applies a read or a removal to the key and, while it finds no record, to the keys that renewals forwarded it to
     * (three hops at most: a record renewed more often within the grace period is out of reach).
     */
    private Located followingRenewals(String key, Function<String, byte[]> operation) {
        String at = key;
        for (int hop = 0; at != null && hop <= 3; hop++) {
            byte[] record = operation.apply(at);
            if (record != null) {
                return new Located(at, record);
            }
            at = store.forwardedTo(at);
        }
        return null;
    }

    /** The local copy filed under a store key, or null. */
    StoredSession local(String key) {
        return key == null ? null : byKey.get(key);
    }

    /**
     * Removes an ended session's record; true when this server removed it and so must destroy the session, with
     * every bean the record holds. A record that another server's renewal moved meanwhile is followed to its new key:
     * an end racing a renewal still ends the session.
     */
    boolean remove(StoredSession session) {
        Replica replica = session.replica();
        byKey.remove(replica.key, session);
        Located removed = followingRenewals(replica.key, store::remove);
        if (removed == null) {
            return false;
        }
        replica.key = removed.key();
        sync(session, removed.record());
        return true;
    }

    /** Drops a local copy from the index; the session itself lives on in the store. */
    void dropped(StoredSession session) {
        byKey.remove(session.replica().key, session);
    }

    /** Instantiates every bean the record holds that the local copy has not, so that each @PreDestroy runs. */
    void restoreAll(StoredSession session) {
        for (Long beanKey : session.replica().stored.keySet()) {
            beans.instantiate(session, beanKey);
        }
    }

    /**
     * Why the store let a record expire: the deadline its time to live stood for, the earlier of the two. Read from the
     * record rather than from the clock when the report comes: the store's expiry and this server's clock need not
     * agree to the millisecond, and a report just before the absolute deadline must not pass for an idle timeout.
     */
    SessionEndReason expiryReason(byte[] record) {
        SessionRecord expired = SessionRecord.decode(record);
        return expired.createdAt() + absoluteMillis <= expired.lastAccess() + idleMillis + slackMillis
                ? SessionEndReason.ABSOLUTE_TIMEOUT : SessionEndReason.IDLE_TIMEOUT;
    }

    private long deadline(long lastAccess, long createdAt) {
        return Math.min(lastAccess + idleMillis + slackMillis, createdAt + absoluteMillis);
    }

    private Duration timeToLive(long now, long createdAt, long lastAccess) {
        return Duration.ofMillis(Math.max(1, deadline(lastAccess, createdAt) - now));
    }
}
