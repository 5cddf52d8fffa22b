package io.github.usersession.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.List;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The probe records that check the map's default time to live reach no application as a session's record. */
class ProbeEventsTest {

    private final HazelcastSessionStore first = new HazelcastSessionStore();
    private final HazelcastSessionStore second = new HazelcastSessionStore();
    private final RecordingContext heard = new RecordingContext("/probes", "hazelcast-probes.xml");

    @AfterEach
    void stop() {
        second.stop();
        first.stop();
    }

    @Test
    void theProbesOfAStoreReachNoListenerOfAnother() throws InterruptedException {
        first.start(heard);
        second.start(new RecordingContext("/probes", "hazelcast-probes.xml"));
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
}
