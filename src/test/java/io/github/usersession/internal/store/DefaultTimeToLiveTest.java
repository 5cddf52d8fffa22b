package io.github.usersession.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.map.IMap;
import com.hazelcast.map.impl.MapService;
import com.hazelcast.map.impl.MapServiceContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A write is one {@code replace} only while every member's map gives the record the idle time to live by default; a
 * map that a member made before that default, or configures itself, keeps the time to live set by each write.
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
    void aWriteIsOneReplaceWhereEveryMemberGivesTheIdleTimeToLive() {
        Store store = new Store("ttl-new");

        assertEquals(IDLE.toMillis(), store.write("ordinary", IDLE));
        assertEquals(0, store.setTtlCalls.get(), "an ordinary write set its time to live");
        assertEquals(NEAR_ABSOLUTE.toMillis(), store.write("near-absolute", NEAR_ABSOLUTE),
                "a write in the session's last idle period before its absolute timeout");
        assertEquals(1, store.setTtlCalls.get());
        store.stop();
    }

    @Test
    void aMapThatAnotherMemberMadeBeforeTheDefaultKeepsSettingTheTimeToLive() {
        mapsOf(second).getMapContainer("ttl-old"); // an earlier deployment made the map there, without the default
        assertTrue(hasMap(second, "ttl-old"));
        assertFalse(hasMap(first, "ttl-old"), "the test's premise: only the other member made the map");

        Store store = new Store("ttl-old");

        assertEquals(IDLE.toMillis(), store.write("on-either-member", IDLE));
        assertEquals(1, store.setTtlCalls.get(), "the default was trusted where a member's map lacks it");
        store.stop();
    }

    @Test
    void aWriteAfterAMemberJoinedSetsTheTimeToLiveUntilTheNewMemberIsChecked() throws InterruptedException {
        Store store = new Store("ttl-join");
        store.write("before", IDLE);
        assertEquals(0, store.setTtlCalls.get(), "the premise: one call per write before the member joins");
        store.stop(); // no check after the join: what protects the writes here is that they see another member list

        Config own = member();
        own.addMapConfig(new MapConfig("ttl-join")); // no time to live: its own configuration wins over the cluster's
        HazelcastInstance third = Hazelcast.newHazelcastInstance(own);
        try {
            for (int i = 0; i < 300 && !(first.getPartitionService().isClusterSafe() && ownsPartitions(third)); i++) {
                Thread.sleep(100);
            }
            String onThird = keyOwnedBy(third.getCluster().getLocalMember());

            assertEquals(IDLE.toMillis(), store.write(onThird, IDLE), "a record on the new member would never expire");
        } finally {
            third.shutdown();
        }
    }

    @Test
    void theProbesLeaveNoRecordBehind() throws InterruptedException {
        IMap<String, byte[]> map = first.getMap("ttl-probes");
        for (int i = 0; i < 100 && !first.getPartitionService().isClusterSafe(); i++) {
            Thread.sleep(100);
        }

        DefaultTimeToLive.Trust verified = DefaultTimeToLive.establish(first, "ttl-probes", map, IDLE);

        assertEquals(IDLE.toMillis(), verified == null ? -1 : verified.millis(), "the probes did not all run");
        assertTrue(map.isEmpty(), () -> "left behind: " + map.keySet());
    }

    /** The sessions' map as the Hazelcast store uses it, counting the calls to setTtl. */
    private static final class Store {
        final IMap<String, byte[]> map;
        final AtomicInteger setTtlCalls = new AtomicInteger();
        final HazelcastRecords records = new HazelcastRecords();
        final DefaultTimeToLive defaultTimeToLive;

        @SuppressWarnings("unchecked")
        Store(String name) {
            map = first.getMap(name);
            records.connect((IMap<String, byte[]>) Proxy.newProxyInstance(IMap.class.getClassLoader(),
                    new Class<?>[] {IMap.class}, (proxy, method, arguments) -> {
                        if (method.getName().equals("setTtl")) {
                            setTtlCalls.incrementAndGet();
                        }
                        try {
                            return method.invoke(map, arguments);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }));
            defaultTimeToLive = new DefaultTimeToLive(first, name, map, records, IDLE);
            defaultTimeToLive.start();
        }

        /** Writes a record and replaces it, asking for the given time to live; the time to live it then has. */
        long write(String key, Duration timeToLive) {
            assertTrue(records.putIfAbsent(key, new byte[] {1}, Duration.ofMinutes(5)));
            assertTrue(records.replace(key, new byte[] {1}, new byte[] {2}, timeToLive));
            long ttl = map.getEntryView(key).getTtl();
            map.delete(key);
            return ttl;
        }

        void stop() {
            defaultTimeToLive.stop();
        }
    }

    private static boolean hasMap(HazelcastInstance member, String name) {
        return mapsOf(member).getMapContainers().containsKey(name);
    }

    /** Hazelcast's internals (a test's premise only): the member's maps as it made them. */
    private static MapServiceContext mapsOf(HazelcastInstance member) {
        MapService maps = ((HazelcastInstanceProxy) member).getOriginal().node.getNodeEngine()
                .getService(MapService.SERVICE_NAME);
        return maps.getMapServiceContext();
    }

    private static boolean ownsPartitions(HazelcastInstance member) {
        return keyOwnedBy(member.getCluster().getLocalMember()) != null;
    }

    private static String keyOwnedBy(Member member) {
        for (int i = 0; i < 10_000; i++) {
            if (member.equals(first.getPartitionService().getPartition("key-" + i).getOwner())) {
                return "key-" + i;
            }
        }
        return null;
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
