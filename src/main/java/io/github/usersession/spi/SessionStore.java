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
 *
 * <p>A store may also keep the library's index of each user's sessions, in a second map ({@link #principalRecords()}):
 * then {@code UserSessions.findByPrincipal}, {@code endAll} and {@code usersession.max-sessions-per-principal} see the
 * sessions of the whole cluster; without it, only those that the calling server holds a copy of.
 */
public interface SessionStore extends RecordMap {

    /**
     * Connects the store to one application; called once, before any other method but {@link #principalRecords()}.
     *
     * @throws RuntimeException naming the setting and its value when the store cannot start, which fails the
     *         deployment
     */
    void start(StoreContext context);

    /** Lets go of the store's resources when the application stops; records stay in the store. */
    void stop();

    /** Notes that a key now goes by another, after a renewal of the session ID, for the given time. */
    void forward(String oldKey, String newKey, Duration timeToLive);

    /** The key that {@code oldKey} was forwarded to, or null. */
    String forwardedTo(String oldKey);

    /**
     * A second map, beside the sessions' records, in which the library keeps which sessions each user has: one small
     * record per user, under a hash of the user's name. It must be a map of its own, not the sessions': its records
     * are not counted by {@link #size()} and never reported through {@link StoreContext}; one that expires just goes.
     * Called once, before {@link #start} (the library decides then how it indexes users); the map is used only after
     * it.
     *
     * @return the map, or null (the default) when the store keeps none and each server indexes the sessions it holds
     */
    default RecordMap principalRecords() {
        return null;
    }

    /** How many records the store holds for this application, in the whole cluster; may be a little out of date. */
    int size();

    /**
     * Whether a server may serve a request from the copy of a session it holds, without reading the record, when the
     * client shows the version of the record it last saw (the {@code -VERSION} cookie) and the copy has that version.
     * Only a store that keeps both of these promises may say true:
     * <ul>
     * <li>it reports every write of a record to every server, through {@link StoreContext#changed}, soon after the
     * write (milliseconds), so that a copy never falls far behind;</li>
     * <li>{@link #remove} returns only once every server has been told through {@link StoreContext#gone} (for a
     * removal, an expiry and an eviction alike), so that an ID that a logout or a renewal ended is refused everywhere
     * when the response that ended it is sent. A store may bound that wait (a server that does not answer); it then
     * logs which servers it gave up on. The library makes good a report that was lost: a copy writes its access time
     * to the store every tenth of the idle timeout, at most 10 s, and drops itself when the record is gone.</li>
     * </ul>
     * {@code remove} may be called while the library holds the lock of the session's copy: the reports it waits for
     * must not need that lock, and the library's handling of reports never waits for it.
     * The default, false, costs one read of the store on every request that uses the session.
     */
    default boolean reportsEveryChange() {
        return false;
    }
}
