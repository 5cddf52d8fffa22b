package io.github.usersession.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.github.usersession.spi.StoreContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The probe records that check the map's default time to live reach no application as a session's record. */
class ProbeEventsTest {

    private final HazelcastSessionStore first = new HazelcastSessionStore();
    private final HazelcastSessionStore second = new HazelcastSessionStore();
    private final Recording heard = new Recording();

    @AfterEach
    void stop() {
        second.stop();
        first.stop();
    }

    @Test
    void theProbesOfAStoreReachNoListenerOfAnother() throws InterruptedException {
        first.start(heard);
        second.start(new Recording());
        HazelcastInstance member = Hazelcast.getAllHazelcastInstances().iterator().next();
        for (int i = 0; i < 100 && !member.getPartitionService().isClusterSafe(); i++) {
            Thread.sleep(100);
        }

        // What each store does at start and after each join, done once more on a cluster whose partitions stand still.
        assertNotNull(DefaultTimeToLive.verify(member, "usersession/probes", member.getMap("usersession/probes"),
                Duration.ofMinutes(30).toMillis()), "the probes did not run");
        Thread.sleep(500); // events come on Hazelcast's event threads

        assertEquals(List.of(), heard.calls, "a probe reached the application as a record");
    }

    /** The application as a store sees it, noting every record it is told of. */
    static final class Recording implements StoreContext {
        final List<String> calls = new CopyOnWriteArrayList<>();
        private final Map<String, String> settings = Map.of(HazelcastSessionStore.CONFIG, "hazelcast-probes.xml");

        @Override
        public String contextPath() {
            return "/probes";
        }

        @Override
        public Optional<String> setting(String key) {
            return Optional.ofNullable(settings.get(key));
        }

        @Override
        public ClassLoader classLoader() {
            return ProbeEventsTest.class.getClassLoader();
        }

        @Override
        public Duration idleTimeToLive() {
            return Duration.ofMinutes(30);
        }

        @Override
        public void expired(String key, byte[] record) {
            calls.add("expired " + key);
        }

        @Override
        public void gone(String key) {
            calls.add("gone " + key);
        }

        @Override
        public void changed(String key, byte[] record) {
            calls.add("changed " + key);
        }
    }
}
