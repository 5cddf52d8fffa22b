package io.github.usersession.internal.store;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.hazelcast.map.IMap;
import io.github.usersession.spi.RecordMap;

/**
 * A {@link RecordMap} on a Hazelcast map of byte arrays, set once the store has started.
 */
final class HazelcastRecords implements RecordMap {

    private volatile IMap<String, byte[]> map;
    /** The time to live that every member's map gives a record written without one, in milliseconds; 0: unknown. */
    private volatile long defaultTtlMillis;

    void connect(IMap<String, byte[]> connected) {
        map = connected;
    }

    /**
     * The time to live that every member's map gives a record written without one, in milliseconds, or 0 when writes
     * must set it: see {@link DefaultTimeToLive}.
     */
    void defaultTimeToLive(long millis) {
        defaultTtlMillis = millis;
    }

    IMap<String, byte[]> map() {
        return map;
    }

    @Override
    public boolean putIfAbsent(String key, byte[] record, Duration timeToLive) {
        return map.putIfAbsent(key, record, timeToLive.toMillis(), TimeUnit.MILLISECONDS) == null;
    }

    @Override
    public byte[] get(String key) {
        return map.get(key);
    }

    @Override
    public boolean replace(String key, byte[] expected, byte[] record, Duration timeToLive) {
        if (!map.replace(key, expected, record)) {
            return false;
        }
        // replace() gives the record the map's default time to live, counted from now. When that is the one asked for,
        // the write is done in one call; otherwise (no default, or a session near its absolute deadline) it is set
        // again, conditional on nothing, since only the deadline the library computed from the record is ever set.
        long ttl = timeToLive.toMillis();
        if (ttl != defaultTtlMillis) {
            map.setTtl(key, ttl, TimeUnit.MILLISECONDS);
        }
        return true;
    }

    @Override
    public byte[] remove(String key) {
        return map.remove(key);
    }
}
