package io.github.usersession.internal.store;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.EntryView;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;

/**
 * Makes the idle time to live the default of the sessions' map, so that a write is one {@code replace} instead of a
 * {@code replace} and a {@code setTtl}, and checks on every member that the map really gives it.
 */
// Hazelcast's replace() gives a record the map's default time to live, counted from now (infinite without one; checked
// on 5.3.8). A dynamic map configuration, which Hazelcast spreads to every member, sets that default, but a member
// reads the configuration once, when the map is first used there: a map that a member already used (an earlier
// deployment of an older library, or of another idle timeout, on a running cluster) keeps the configuration it was
// made with, and replace() would leave records there that never expire. So each member that owns partitions is asked
// the question a write asks, on a probe record in a partition it owns; any other answer, or any doubt, keeps the two
// calls. Members that join later make the map from the configuration, which they receive on joining.
final class DefaultTimeToLive {

    private static final Logger LOG = Logger.getLogger(DefaultTimeToLive.class.getName());
    private static final String PROBE = "usersession-time-to-live-probe-";
    private static final byte[] NOTHING = {};
    private static final byte[] WRITTEN = {0};

    private DefaultTimeToLive() {
    }

    /**
     * Makes {@code idle} (rounded up to whole seconds, as Hazelcast keeps it) the default time to live of the map's
     * records unless the map has a configuration of its own, and returns the default that every member's map gives a
     * record written by {@code replace}, in milliseconds; 0 when there is none, or when some member's does not.
     */
    static long establish(HazelcastInstance hazelcast, String name, Supplier<IMap<String, byte[]>> map,
            Duration idle) {
        Config config = hazelcast.getConfig();
        long seconds = Math.min(Integer.MAX_VALUE, (idle.toMillis() + 999) / 1000);
        try {
            config.addMapConfig(new MapConfig(config.findMapConfig(name)).setName(name)
                    .setTimeToLiveSeconds((int) seconds));
        } catch (RuntimeException conflicting) {
            // Another server of the cluster with another idle timeout, or the user's own configuration of the map.
            LOG.fine(() -> "The Hazelcast map " + name + " keeps its own configuration: " + conflicting);
        }
        long configured = config.findMapConfig(name).getTimeToLiveSeconds() * 1000L;
        if (configured == 0) {
            return 0;
        }
        IMap<String, byte[]> records = map.get();
        try {
            for (Member member : hazelcast.getCluster().getMembers()) {
                if (!member.isLiteMember() && !givesDefault(hazelcast, records, member, configured)) {
                    LOG.info(() -> "The Hazelcast map " + name + " was made on member " + member.getAddress()
                            + " before its records had a default time to live of " + configured / 1000 + " s (an"
                            + " earlier deployment on a running cluster): every write sets the time to live, one"
                            + " call more, until the cluster restarts");
                    return 0;
                }
            }
        } catch (RuntimeException unsure) {
            LOG.info(() -> "The default time to live of the Hazelcast map " + name + " could not be checked (" + unsure
                    + "): every write sets the time to live, one call more");
            return 0;
        }
        return configured;
    }

    /** Whether the member's map gives a record that {@code replace} writes the configured time to live. */
    private static boolean givesDefault(HazelcastInstance hazelcast, IMap<String, byte[]> records, Member member,
            long configured) {
        String key = probeOwnedBy(hazelcast, member);
        if (key == null) {
            return true; // it owns no partition now; one it takes over comes with its records' own times to live
        }
        try {
            records.set(key, NOTHING, 1, TimeUnit.MINUTES);
            // The compare-and-set that a write makes.
            if (!records.replace(key, NOTHING, WRITTEN)) {
                return false;
            }
            EntryView<String, byte[]> written = records.getEntryView(key);
            return written != null && written.getTtl() == configured;
        } finally {
            records.delete(key);
        }
    }

    /** A probe key in a partition that the member owns, or null when it owns none. */
    private static String probeOwnedBy(HazelcastInstance hazelcast, Member member) {
        Set<Integer> seen = new HashSet<>();
        int partitions = hazelcast.getPartitionService().getPartitions().size();
        String prefix = PROBE + UUID.randomUUID() + "-";
        for (int i = 0; seen.size() < partitions && i < partitions * 64; i++) {
            String key = prefix + i;
            var partition = hazelcast.getPartitionService().getPartition(key);
            seen.add(partition.getPartitionId());
            if (member.equals(partition.getOwner())) {
                return key;
            }
        }
        return null;
    }
}
