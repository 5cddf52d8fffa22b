package io.github.usersession.spi;

import java.time.Duration;

/**
 * A store that the servers of a cluster share, so that any server can serve any session: the extension point for a
 * data grid, a database or a cache. The library ships one on Hazelcast ({@code usersession.store=hazelcast}); name
 * your own class in {@code usersession.store} to use it.
 *
 * <p>A store is a map from keys to records with a time to live. Keys are derived from session IDs by a one-way hash,
 * so that the store's contents never reveal a usable session ID. Records are the library's own bytes: the store never
 * interprets them, and compares them byte for byte in {@link #replace}. What the library needs beyond a map:
 * <ul>
 * <li>{@link #putIfAbsent}, {@link #replace} and {@link #remove} are atomic across the cluster: the library builds
 * per-bean updates and exactly-once destruction on them;</li>
 * <li>a record whose time to live has passed is never returned again, and the store reports it once, in the whole
 * cluster, through {@link StoreContext#expired};</li>
 * <li>a write is durable, in the store's own sense (a synchronous backup, a committed transaction), when the call
 * returns: the library makes its writes before the response reaches the client.</li>
 * </ul>
 * Implementations must be thread-safe and have a public no-argument constructor. Every method may throw an unchecked
 * exception when the store cannot be reached; the request that needed it then fails.
 */
public interface SessionStore {

    /**
     * Connects the store to one application; called once, before any other method.
     *
     * @throws RuntimeException naming the setting and its value when the store cannot start, which fails the
     *         deployment
     */
    void start(StoreContext context);

    /** Lets go of the store's resources when the application stops; records stay in the store. */
    void stop();

    /** Writes a new record unless the key is taken; true when it wrote. */
    boolean putIfAbsent(String key, byte[] record, Duration timeToLive);

    /** The record, or null when there is none or it has expired. */
    byte[] get(String key);

    /** Replaces the record if, and only if, it is still {@code expected}, byte for byte; true when it did. */
    boolean replace(String key, byte[] expected, byte[] record, Duration timeToLive);

    /** Removes the record and returns it; null when there was none, so that one caller in the cluster gets it. */
    byte[] remove(String key);

    /** Notes that a key now goes by another, after a renewal of the session ID, for the given time. */
    void forward(String oldKey, String newKey, Duration timeToLive);

    /** The key that {@code oldKey} was forwarded to, or null. */
    String forwardedTo(String oldKey);

    /** How many records the store holds for this application, in the whole cluster; may be a little out of date. */
    int size();
}
