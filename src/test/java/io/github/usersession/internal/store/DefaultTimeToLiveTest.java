package io.github.usersession.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A write is one {@code replace} only where every member's map gives the record the idle time to live by default; a
 * map that a member made before that default existed keeps its records' times to live set by each write.
 */
class DefaultTimeToLiveTest {

    private static final Duration IDLE = Duration.ofSeconds(1_810);
    private static final Duration NEAR_ABSOLUTE = Duration.ofSeconds(95);
    private static HazelcastInstance first;
    private static HazelcastInstance second;

    @BeforeAll
    static void twoMembers() {
        first = Hazelcast.newHazelcastInstance(member());
        second = Hazelcast.newHazelcastInstance(member());
        assertEquals(2, first.getCluster().getMembers().size(), "the two members formed no cluster");
    }

    @AfterAll
    static void shutdown() {
        second.shutdown();
        first.shutdown();
    }

    @Test
    void aNewMapGivesEveryRecordWrittenByOneReplaceTheIdleTimeToLive() {
        long established = DefaultTimeToLive.establish(first, "ttl-new", () -> first.getMap("ttl-new"), IDLE);

        assertEquals(IDLE.toMillis(), established);
        assertEquals(IDLE.toMillis(), ttlAfterReplace(established, "ttl-new", IDLE), "a session's ordinary write");
        assertEquals(NEAR_ABSOLUTE.toMillis(), ttlAfterReplace(established, "ttl-new", NEAR_ABSOLUTE),
                "a write in the session's last idle period before its absolute timeout");
    }

    @Test
    void aMapThatAnotherMemberMadeBeforeTheDefaultKeepsSettingTheTimeToLive() {
        second.getMap("ttl-old").put("earlier", new byte[] {1}); // an earlier deployment, without the default

        long established = DefaultTimeToLive.establish(first, "ttl-old", () -> first.getMap("ttl-old"), IDLE);

        assertEquals(0, established, "the configured default was trusted on a map made without it");
        assertEquals(IDLE.toMillis(), ttlAfterReplace(established, "ttl-old", IDLE));
    }

    @Test
    void theProbesLeaveNoRecordBehind() {
        IMap<String, byte[]> map = first.getMap("ttl-probes");

        DefaultTimeToLive.establish(first, "ttl-probes", () -> map, IDLE);

        assertTrue(map.isEmpty(), () -> "left behind: " + map.keySet());
    }

    /** The time to live of a record that HazelcastRecords wrote with replace, asked for {@code timeToLive}. */
    private static long ttlAfterReplace(long established, String name, Duration timeToLive) {
        HazelcastRecords records = new HazelcastRecords();
        IMap<String, byte[]> map = first.getMap(name);
        records.connect(map, established);
        String key = "session-" + timeToLive.toMillis();
        assertTrue(records.putIfAbsent(key, new byte[] {1}, Duration.ofMinutes(5)));
        assertTrue(records.replace(key, new byte[] {1}, new byte[] {2}, timeToLive));
        long ttl = map.getEntryView(key).getTtl();
        map.delete(key);
        return ttl;
    }

    private static Config member() {
        Config config = new Config().setClusterName("usersession-unit-ttl");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        config.getNetworkConfig().setPort(17970).setPortCount(5).getInterfaces().setEnabled(true)
                .addInterface("127.0.0.1");
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getAutoDetectionConfig().setEnabled(false);
        join.getMulticastConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1:17970").addMember("127.0.0.1:17971");
        return config;
    }
}
