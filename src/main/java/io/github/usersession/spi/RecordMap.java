package io.github.usersession.spi;

import java.time.Duration;

/**
 * A map from keys to byte records with a time to live and atomic writes: what a {@link SessionStore} keeps its
 * sessions in, and the library its index of each user's sessions. Records are the library's own bytes: a map never
 * interprets them. {@link #replace} is a compare-and-set on the whole record; a store that cannot compare bytes where
 * it keeps them (a database BLOB) may compare a digest or a version it keeps beside the record, written in the same
 * atomic step, as long as a record changed by anyone since {@code expected} is never replaced. Implementations are
 * thread-safe; each method may throw an unchecked exception when the map cannot be reached.
 */
public interface RecordMap {

    /** Writes a new record unless the key is taken; true when it wrote. */
    boolean putIfAbsent(String key, byte[] record, Duration timeToLive);

    /** The record, or null when there is none or it has expired. */
    byte[] get(String key);

    /**
     * Replaces the record if, and only if, it is still {@code expected}, byte for byte, and gives it the new time to
     * live; true when it did.
     */
    boolean replace(String key, byte[] expected, byte[] record, Duration timeToLive);

    /** Removes the record and returns it; null when there was none, so that one caller in the cluster gets it. */
    byte[] remove(String key);
}
