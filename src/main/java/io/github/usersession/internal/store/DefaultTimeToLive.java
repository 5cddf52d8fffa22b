package io.github.usersession.internal.store;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.EntryView;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.Partition;
import com.hazelcast.partition.PartitionService;

/**
 * Makes the idle time to live the default of the sessions' map, so that a write is one {@code replace} instead of a
 * {@code replace} and a {@code setTtl}, and checks on every member that the map really gives it.
 */
// Hazelcast's replace() gives a record the map's default time to live, counted from now (infinite without one; checked
// on 5.3.8). A dynamic map configuration, which Hazelcast spreads to every member, sets that default, but a member
// reads the configuration once, when the map is first used there, and prefers its own static configuration to a
// dynamic one: a map that a member already used (an earlier deployment of an older library on a running cluster), or
// that its own hazelcast.xml configures, would leave records written by replace() that never expire. So each member
// that owns partitions is asked the question a write asks, on a probe record in a partition it owns, while the
// partitions stand still; any other answer, or any doubt, keeps the two calls. The answer holds for the member list it
// was given for: a write that finds another one sets the time to live and asks for a check (HazelcastRecords).
final class DefaultTimeToLive implements MembershipListener {

    private static final Logger LOG = Logger.getLogger(DefaultTimeToLive.class.getName());
    /** Not a session key (32 Base64url characters): listeners ignore the probes. */
    private static final String PROBE = "usersession time to live probe ";
    private static final byte[] NOTHING = {};
    private static final byte[] WRITTEN = {0};
    /** How long a check waits for the partitions to stand still, in seconds, one second at a time. */
    private static final int CHECK_SECONDS = 300;

    private final HazelcastInstance hazelcast;
    private final String name;
    private final IMap<String, byte[]> map;
    private final HazelcastRecords records;
    private final Duration idle;
    /** Whether the map's configuration gives the idle time to live: otherwise there is nothing to check. */
    private volatile boolean enabled;
    private volatile boolean stopped;
    private Thread checking; // guarded by this
    private boolean pending; // guarded by this: the members changed since the running check began
    private UUID registration;

    DefaultTimeToLive(HazelcastInstance hazelcast, String name, IMap<String, byte[]> map, HazelcastRecords records,
            Duration idle) {
        this.hazelcast = hazelcast;
        this.name = name;
        this.map = map;
        this.records = records;
        this.idle = idle;
    }

    /**
     * Gives the writes one call if every member's map keeps the default; the writes themselves notice a member list
     * that changed since (see {@link HazelcastRecords}), and ask for a check again.
     */
    void start() {
        Trust established = establish(hazelcast, name, map, idle);
        enabled = established != Trust.NONE;
        records.trust(established, hazelcast.getCluster(), this::checkLater);
        registration = hazelcast.getCluster().addMembershipListener(this);
        if (established == null) {
            checkLater();
        }
    }

    void stop() {
        stopped = true;
        try {
            if (registration != null && hazelcast.getLifecycleService().isRunning()) {
                hazelcast.getCluster().removeMembershipListener(registration);
            }
        } catch (RuntimeException gone) {
            LOG.fine(() -> "Hazelcast went first: " + gone);
        }
    }

    /** A joining member is checked as soon as its partitions settle, rather than at the next write. */
    @Override
    public void memberAdded(MembershipEvent event) {
        checkLater();
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
        checkLater(); // the member list the writes trusted is gone with it
    }

    /** Asks every member again once the partitions stand still, on a thread of its own; one such thread at a time. */
    private synchronized void checkLater() {
        if (!enabled || stopped) {
            return;
        }
        pending = true;
        if (checking == null) {
            checking = new Thread(null, this::check, "usersession-time-to-live-check", 0, false);
            checking.setDaemon(true);
            checking.start();
        }
    }

    private void check() {
        try {
            for (int second = 0; second < CHECK_SECONDS; second++) {
                Thread.sleep(1000);
                synchronized (this) {
                    pending = false;
                }
                Trust verified = stopped ? Trust.NONE : verify(hazelcast, name, map, idle.toMillis());
                synchronized (this) {
                    if (stopped || verified != null && !pending) {
                        records.trust(verified);
                        checking = null; // under the lock: a change from now on starts a check of its own
                        return;
                    }
                }
            }
            LOG.info(() -> "The default time to live of the Hazelcast map " + name + " could not be checked for "
                    + CHECK_SECONDS + " s (its partitions kept moving, or a member owns none): every write sets the"
                    + " time to live, one call more, until its members change again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (this) {
                if (checking == Thread.currentThread()) {
                    checking = null;
                }
            }
        }
    }

    /**
     * A default time to live, in milliseconds, that every member of the given member list gives a record written by
     * {@code replace}: the member list is the one {@link com.hazelcast.cluster.Cluster#getMembers()} returned, which
     * Hazelcast makes anew for every change of the cluster's members (a join, a departure, a lite member promoted).
     */
    record Trust(long millis, Set<Member> members) {
        /** Some member's map does not give the default: no time to live asked for is 0 ms, so writes set it. */
        static final Trust NONE = new Trust(0, Set.of());
    }

    /** Whether the key is a probe's, which the store's listeners ignore. */
    static boolean isProbe(String key) {
        return key.startsWith(PROBE);
    }

    /**
     * Makes {@code idle} the default time to live of the map's records unless the map has a configuration of its own;
     * the default that every member's map gives a record written by {@code replace}, {@link Trust#NONE} when it is not
     * a whole number of seconds (Hazelcast keeps the default in seconds) or when some member's map does not give it,
     * null when the cluster changed while it asked.
     */
    static Trust establish(HazelcastInstance hazelcast, String name, IMap<String, byte[]> records, Duration idle) {
        if (idle.toMillis() % 1000 != 0) {
            LOG.fine(() -> "The idle time to live of the Hazelcast map " + name + ", " + idle.toMillis() + " ms, is no"
                    + " whole number of seconds: every write sets it");
            return Trust.NONE;
        }
        Config config = hazelcast.getConfig();
        try {
            config.addMapConfig(new MapConfig(config.findMapConfig(name)).setName(name)
                    .setTimeToLiveSeconds((int) Math.min(Integer.MAX_VALUE, idle.toSeconds())));
        } catch (RuntimeException conflicting) {
            // Another server of the cluster with another idle timeout, or the user's own configuration of the map.
            LOG.info(() -> "The Hazelcast map " + name + " keeps the configuration it has (" + conflicting.getMessage()
                    + "): every write sets the time to live unless that configuration gives " + idle.toSeconds()
                    + " s");
        }
        long configured = config.findMapConfig(name).getTimeToLiveSeconds() * 1000L;
        return configured == idle.toMillis() ? verify(hazelcast, name, records, configured) : Trust.NONE;
    }

    /**
     * The trust that every member's map gives {@code timeToLive}, by default, to a record written by {@code replace};
     * {@link Trust#NONE} if one does not; null when the cluster changed while it asked.
     */
    static Trust verify(HazelcastInstance hazelcast, String name, IMap<String, byte[]> records, long timeToLive) {
        PartitionService partitions = hazelcast.getPartitionService();
        Set<Member> members = hazelcast.getCluster().getMembers();
        try {
            if (!partitions.isClusterSafe()) {
                return unsure(name, "its partitions are moving");
            }
            for (Member member : members) {
                if (member.isLiteMember()) {
                    continue;
                }
                String key = probeOwnedBy(partitions, member);
                if (key == null) {
                    return unsure(name, "member " + member.getAddress() + " owns no partition yet");
                }
                if (!givesDefault(records, key, timeToLive)) {
                    LOG.info(() -> "The Hazelcast map " + name + " on member " + member.getAddress() + " gives no"
                            + " default time to live of " + timeToLive / 1000 + " s (its own configuration, or a map it"
                            + " made before, such as one of an older version of this library): every write sets the"
                            + " time to live, one call more");
                    return Trust.NONE;
                }
                if (!member.equals(partitions.getPartition(key).getOwner())) {
                    return unsure(name, "its partitions moved");
                }
            }
            if (!partitions.isClusterSafe() || members != hazelcast.getCluster().getMembers()) {
                return unsure(name, "its members changed");
            }
        } catch (RuntimeException e) {
            return unsure(name, e.toString());
        }
        return new Trust(timeToLive, members);
    }

    private static Trust unsure(String name, String why) {
        LOG.fine(() -> "The default time to live of the Hazelcast map " + name + " could not be checked yet (" + why
                + "): every write sets the time to live, one call more, until it is");
        return null;
    }

    /** Whether the map gives a record that {@code replace} writes at the key the given time to live. */
    private static boolean givesDefault(IMap<String, byte[]> records, String key, long timeToLive) {
        try {
            records.set(key, NOTHING, 1, TimeUnit.MINUTES);
            // The compare-and-set that a write makes.
            if (!records.replace(key, NOTHING, WRITTEN)) {
                return false;
            }
            EntryView<String, byte[]> written = records.getEntryView(key);
            return written != null && written.getTtl() == timeToLive;
        } finally {
            records.delete(key);
        }
    }

    /** A probe key in a partition that the member owns, or null when it owns none. */
    private static String probeOwnedBy(PartitionService partitions, Member member) {
        Set<Integer> seen = new HashSet<>();
        int count = partitions.getPartitions().size();
        String prefix = PROBE + UUID.randomUUID() + " ";
        for (int i = 0; seen.size() < count && i < count * 64; i++) {
            String key = prefix + i;
            Partition partition = partitions.getPartition(key);
            seen.add(partition.getPartitionId());
            if (member.equals(partition.getOwner())) {
                return key;
            }
        }
        return null;
    }
}
