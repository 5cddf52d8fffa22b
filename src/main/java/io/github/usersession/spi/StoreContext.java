package io.github.usersession.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * What the library gives a {@link SessionStore} when it starts: the application's identity and settings, and the
 * callbacks through which the store reports records that expired or disappeared.
 */
public interface StoreContext {

    /** The application's context path, "" for the root: records of different applications must never mix. */
    String contextPath();

    /** A setting of the library, such as {@code usersession.hazelcast.map}, from every configuration source. */
    Optional<String> setting(String key);

    /** The application's class loader. */
    ClassLoader classLoader();

    /**
     * The time to live that almost every write gives a record: the idle timeout and the slack within which the library
     * keeps it (a tenth of it, at most 10 s). Only in a session's last idle period before its absolute timeout is it
     * shorter. A store may make it the default of its records, so that a write need not set it.
     */
    Duration idleTimeToLive();

    /**
     * The store let a record expire: the library destroys the session's beans. Call it exactly once in the cluster
     * per expired record, on any thread, with the record as it was.
     */
    void expired(String key, byte[] record);

    /**
     * A record disappeared (removed, expired, evicted, or replaced by another key): every server that holds a local copy
     * of the session drops it. Call it on every server; calling it too often costs a reload, never state.
     */
    void gone(String key);

    /**
     * A record was written (by any server, this one included): a server holding an older copy of the session brings it
     * up to this record. Call it on every server, in the order of the writes to the key, if the store
     * {@linkplain SessionStore#reportsEveryChange() reports every change}; a late or repeated call costs nothing.
     * Call it on a thread of the store's own, never within the call that wrote: the writing server may hold the lock
     * of its copy of the session until that call returns.
     */
    void changed(String key, byte[] record);
}
