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

    void connect(IMap<String, byte[]> connected) {
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
        // replace() gives the record the map's default time to live (forever, unless configured); set it again,
        // conditional on nothing, since only the deadline the library computed from the record is ever set. Making the
        // idle time to live the map's default would save this call, but a map that already exists on a member keeps the
        // configuration it was made with, so a default added later would leave records there that never expire.
        map.setTtl(key, timeToLive.toMillis(), TimeUnit.MILLISECONDS);
        return true;
    }

    @Override
    public byte[] remove(String key) {
        return map.remove(key);
    }
}
