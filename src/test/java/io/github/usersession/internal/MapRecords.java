package io.github.usersession.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.usersession.spi.RecordMap;

/**
 * A {@link RecordMap} in one JVM's heap that never expires anything: the records of the store double. A test can run
 * work just before the next write, as another server would between this one's read and write, or make it unreachable.
 */
final class MapRecords implements RecordMap {

    final Map<String, byte[]> records = new ConcurrentHashMap<>();
    /** Runs once, just before the next write. */
    volatile Runnable beforeNextWrite;
    /** Every call fails while this is set, as a store that cannot be reached. */
    volatile boolean unreachable;

    private void call(boolean write) {
        if (unreachable) {
            throw new IllegalStateException("The test made the store unreachable");
        }
        Runnable hook = beforeNextWrite;
        if (write && hook != null) {
            beforeNextWrite = null;
            hook.run();
        }
    }

    @Override
    public boolean putIfAbsent(String key, byte[] record, Duration timeToLive) {
        call(true);
        return records.putIfAbsent(key, record) == null;
    }

    @Override
    public byte[] get(String key) {
        call(false);
        return records.get(key);
    }

    @Override
    public boolean replace(String key, byte[] expected, byte[] record, Duration timeToLive) {
        call(true);
        boolean[] replaced = {false};
        records.computeIfPresent(key, (k, current) -> {
            replaced[0] = Arrays.equals(current, expected);
            return replaced[0] ? record : current;
        });
        return replaced[0];
    }

    @Override
    public byte[] remove(String key) {
        call(true);
        return records.remove(key);
    }
}
