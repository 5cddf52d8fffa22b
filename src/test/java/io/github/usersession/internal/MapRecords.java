package io.github.usersession.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.usersession.spi.RecordMap;

/** A {@link RecordMap} in one JVM's heap that never expires anything: the principal records of the store double. */
final class MapRecords implements RecordMap {

    final Map<String, byte[]> records = new ConcurrentHashMap<>();

    @Override
    public boolean putIfAbsent(String key, byte[] record, Duration timeToLive) {
        return records.putIfAbsent(key, record) == null;
    }

    @Override
    public byte[] get(String key) {
        return records.get(key);
    }

    @Override
    public boolean replace(String key, byte[] expected, byte[] record, Duration timeToLive) {
        boolean[] replaced = {false};
        records.computeIfPresent(key, (k, current) -> {
            replaced[0] = Arrays.equals(current, expected);
            return replaced[0] ? record : current;
        });
        return replaced[0];
    }

    @Override
    public byte[] remove(String key) {
        return records.remove(key);
    }
}
