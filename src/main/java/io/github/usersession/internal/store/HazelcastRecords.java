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
    /** The time to live that every member's map gives a record written without one, in milliseconds; 0 for none. */
    private volatile long defaultTtlMillis;

    void connect(IMap<String, byte[]> connected) {
        map = connected;
    }

    /** Connects to a map whose records live for the given default time to live, in milliseconds (0: forever). */
    void connect(IMap<String, byte[]> connected, long defaultTimeToLiveMillis) {
        defaultTtlMillis = defaultTimeToLiveMillis;
        map = connected;
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
        // replace() gives the record the map's default time to live, counted from now. When that is the one asked for
        // (to within a second: the map's is in whole seconds), the write is done in one call; otherwise (no default, or
        // a session near its absolute deadline) it is set again, conditional on nothing, since only the deadline the
        // library computed from the record is ever set. DefaultTimeToLive says when a map's default can be trusted.
        long ttl = timeToLive.toMillis();
        if (defaultTtlMillis < ttl || defaultTtlMillis - ttl >= 1000) {
            map.setTtl(key, ttl, TimeUnit.MILLISECONDS);
        }
        return true;
    }

    @Override
    public byte[] remove(String key) {
        return map.remove(key);
    }
}
