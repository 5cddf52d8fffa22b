package io.github.usersession.internal.store;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Logger;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;

/**
 * Makes a removal of a session's record known on every server of the application before the call that removed it
 * returns: each server, when its listener has dropped its copy, notes that it has seen the removal, and the remover
 * waits for the notes of every other server that runs the application and is a member of the cluster.
 */
// Hazelcast delivers entry events asynchronously, and a server that serves a copy without reading the record would
// serve an ID that a logout or a renewal ended elsewhere until the event came. Only Strings go through the maps (map
// <map>.servers: who runs the application; <map>.seen: who has seen which removal), so no member has to load a class of
// ours, and the notes expire on their own. A server that does not answer within the wait is counted in a warning, and
// the removal goes on (a logout cannot wait for ever): its copies then go at the latest when it next writes a session's
// access time (every tenth of the idle timeout). A member that died is waited for until Hazelcast drops it.
final class HazelcastRemovals {

    private static final Logger LOG = Logger.getLogger(HazelcastRemovals.class.getName());
    /** How long a removal waits for the other servers: a server that takes longer is slow or gone. */
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final Duration NOTE_LIFE = Duration.ofMinutes(1);
    private static final long FIRST_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    private static final long LONGEST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final HazelcastInstance hazelcast;
    private final IMap<String, String> servers;
    private final IMap<String, String> seen;
    /** This deployment's name among the servers: one per start, since a member may run several deployments. */
    private final String self = UUID.randomUUID().toString();
    /** The member this deployment runs on: its notes count while the member is in the cluster. */
    private final String member;
    /** Keys this server is removing: its own listener need not tell it so through the grid. */
    private final Set<String> removingHere = ConcurrentHashMap.newKeySet();

    HazelcastRemovals(HazelcastInstance hazelcast, IMap<String, String> servers, IMap<String, String> seen) {
        this.hazelcast = hazelcast;
        this.servers = servers;
        this.seen = seen;
        this.member = hazelcast.getCluster().getLocalMember().getUuid().toString();
    }

    /** Counts this server in: from now on, removals wait until it has seen them. Its listeners must be in place. */
    void join() {
        servers.set(self, member);
    }

    /** Counts this server out, as the application stops. */
    void leave() {
        servers.delete(self);
    }

    /** This server's listener has dropped its copy of a removed record: the remover may go on. */
    void seen(String key) {
        if (!removingHere.contains(key)) {
            seen.set(note(key, self), "", NOTE_LIFE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Removes a record and returns it, once every other server has seen the removal; null when there was none. */
    byte[] remove(IMap<String, byte[]> records, String key) {
        removingHere.add(key);
        try {
            byte[] removed = records.remove(key);
            if (removed != null) {
                awaitSeen(key);
            }
            return removed;
        } finally {
            removingHere.remove(key);
        }
    }

    private void awaitSeen(String key) {
        Set<String> expected = new HashSet<>();
        Set<String> members = new HashSet<>();
        for (Member member : hazelcast.getCluster().getMembers()) {
            members.add(member.getUuid().toString());
        }
        for (Map.Entry<String, String> server : servers.entrySet()) {
            if (!server.getKey().equals(self) && members.contains(server.getValue())) {
                expected.add(note(key, server.getKey()));
            }
        }
        long deadline = System.nanoTime() + WAIT_NANOS;
        long pause = FIRST_PAUSE_NANOS;
        while (!expected.isEmpty()) {
            expected.removeAll(seen.getAll(expected).keySet());
            if (expected.isEmpty()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                LOG.warning(() -> "A session's record was removed, but " + expected.size() + " server(s) did not"
                        + " confirm within " + Duration.ofNanos(WAIT_NANOS).toMillis() + " ms that they dropped their"
                        + " copies: they may serve its old ID until they next write its access time");
                return;
            }
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
        }
    }

    private static String note(String key, String server) {
        return key + " " + server;
    }
}
