package io.github.usersession.internal.store;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
// partitions stand still; any other answer, or any doubt, keeps the two calls. A member that joins later is asked
// again (HazelcastSessionStore), and until it has answered, writes set the time to live.
final class DefaultTimeToLive implements MembershipListener {

    /** What {@link #verify} returns when the cluster changed while it asked. */
    static final long UNSURE = -1;

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
    /** Counts the members that joined: a check applies its answer only if none joined while it asked. */
    private final AtomicInteger joined = new AtomicInteger();
    /** Whether the map's configuration gives the idle time to live: otherwise there is nothing to check. */
    private volatile boolean enabled;
    private Thread checking; // guarded by this
    private boolean pending; // guarded by this: a member joined since the running check began
    private volatile boolean stopped;
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
     * Gives the records their default, and the writes to them one call, if every member's map keeps it; listens for
     * members that join, which must keep it too.
     */
    void start() {
        registration = hazelcast.getCluster().addMembershipListener(this);
        int before = joined.get();
        long established = establish(hazelcast, name, map, idle);
        enabled = established != 0;
        if (established == UNSURE || !apply(before, established)) {
            checkLater();
        }
    }

    void stop() {
        stopped = true;
        if (registration != null) {
            hazelcast.getCluster().removeMembershipListener(registration);
        }
    }

    /** Until the new member is known to keep the default, every write sets the time to live. */
    @Override
    public void memberAdded(MembershipEvent event) {
        synchronized (this) {
            joined.incrementAndGet();
            records.defaultTimeToLive(0);
        }
        checkLater();
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
        // The members left were asked already; the partitions they take over hold records with their own deadlines.
    }

    /** The answer of a check that began when {@code before} members had joined, unless another has joined since. */
    private synchronized boolean apply(int before, long timeToLive) {
        if (joined.get() != before) {
            return false;
        }
        records.defaultTimeToLive(timeToLive);
        return true;
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
            for (int second = 0; second < CHECK_SECONDS && !stopped; second++) {
                Thread.sleep(1000);
                int before;
                synchronized (this) {
                    pending = false;
                    before = joined.get();
                }
                long verified = verify(hazelcast, name, map, idle.toMillis());
                synchronized (this) {
                    if (verified != UNSURE && apply(before, verified) && !pending) {
                        checking = null; // under the lock: a member that joins now starts a check of its own
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (this) {
                if (checking == Thread.currentThread()) {
                    checking = null; // gave up after CHECK_SECONDS, or stopped: writes keep setting the time to live
                }
            }
        }
    }

    /** Whether the key is a probe's, which the store's listeners ignore. */
    static boolean isProbe(String key) {
        return key.startsWith(PROBE);
    }

    /**
     * Makes {@code idle} the default time to live of the map's records unless the map has a configuration of its own,
     * and returns it, in milliseconds, if every member's map gives it to a record written by {@code replace}; 0 when
     * it is not a whole number of seconds (Hazelcast keeps the default in seconds), or when some member's map does not
     * give it; {@link #UNSURE} when the cluster changed while it asked.
     */
    static long establish(HazelcastInstance hazelcast, String name, IMap<String, byte[]> records, Duration idle) {
        if (idle.toMillis() % 1000 != 0) {
            LOG.fine(() -> "The idle time to live of the Hazelcast map " + name + ", " + idle.toMillis() + " ms, is no"
                    + " whole number of seconds: every write sets it");
            return 0;
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
        return configured == idle.toMillis() ? verify(hazelcast, name, records, configured) : 0;
    }

    /**
     * Returns {@code timeToLive} if every member's map gives it, by default, to a record written by {@code replace};
     * 0 if one does not; {@link #UNSURE} when the cluster changed while it asked.
     */
    static long verify(HazelcastInstance hazelcast, String name, IMap<String, byte[]> records, long timeToLive) {
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
                    return 0;
                }
                if (!member.equals(partitions.getPartition(key).getOwner())) {
                    return unsure(name, "its partitions moved");
                }
            }
            if (!partitions.isClusterSafe() || !members.equals(hazelcast.getCluster().getMembers())) {
                return unsure(name, "its members changed");
            }
        } catch (RuntimeException e) {
            return unsure(name, e.toString());
        }
        return timeToLive;
    }

    private static long unsure(String name, String why) {
        LOG.fine(() -> "The default time to live of the Hazelcast map " + name + " could not be checked yet (" + why
                + "): every write sets the time to live, one call more, until it is");
        return UNSURE;
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
