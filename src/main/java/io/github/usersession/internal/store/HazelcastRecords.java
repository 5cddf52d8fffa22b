package io.github.usersession.internal.store;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.hazelcast.cluster.Cluster;
import com.hazelcast.map.IMap;
import io.github.usersession.spi.RecordMap;

/**
 * A {@link RecordMap} on a Hazelcast map of byte arrays, set once the store has started.
 */
final class HazelcastRecords implements RecordMap {

    private volatile IMap<String, byte[]> map;
    /** The map's default time to live, while the member list is the one checked; null or NONE: writes set it. */
    private final AtomicReference<DefaultTimeToLive.Trust> trust = new AtomicReference<>();
    private volatile Cluster cluster;
    private volatile Runnable changed = () -> { };

    void connect(IMap<String, byte[]> connected) {
        map = connected;
    }

    /**
     * Lets writes leave the time to live to the map while the cluster's member list is the trusted one; null or
     * {@link DefaultTimeToLive.Trust#NONE}: they set it. {@code membersChanged} is told when a write finds another
     * member list.
     */
    void trust(DefaultTimeToLive.Trust trusted, Cluster members, Runnable membersChanged) {
        cluster = members;
        changed = membersChanged;
        trust.set(trusted);
    }

    /** As above, with the same cluster. */
    void trust(DefaultTimeToLive.Trust trusted) {
        trust.set(trusted);
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
        // and the cluster's members are still those whose maps were checked to give it (the member list is read after
        // the write: a member that the write reached is in it), the write is done in one call. Otherwise (no default,
        // a session near its absolute deadline, members that changed) the time to live is set again, conditional on
        // nothing, since only the deadline the library computed from the record is ever set.
        long ttl = timeToLive.toMillis();
        DefaultTimeToLive.Trust trusted = trust.get();
        if (trusted == null || trusted.millis() != ttl) {
            map.setTtl(key, ttl, TimeUnit.MILLISECONDS);
        } else if (cluster.getMembers() != trusted.members()) {
            map.setTtl(key, ttl, TimeUnit.MILLISECONDS);
            if (trust.compareAndSet(trusted, null)) {
                changed.run();
            }
        }
        return true;
    }

    @Override
    public byte[] remove(String key) {
        return map.remove(key);
    }
}
