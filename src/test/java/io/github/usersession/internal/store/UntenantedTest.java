package io.github.usersession.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Where the server attaches a tenant to the distributed objects an application's thread makes (Payara does, and pays
 * for it around every operation), the store's maps carry none, though the store starts on the application's thread.
 */
class UntenantedTest {

    final HazelcastSessionStore store = new HazelcastSessionStore();

    @AfterEach
    void stop() {
        InheritedTenants.APPLICATION.remove();
        store.stop();
    }

    @Test
    void theStoresMapsCarryNoTenantOfTheApplicationThreadThatStartedIt() {
        InheritedTenants.APPLICATION.set(true);
        store.start(new RecordingContext("/tenant", "hazelcast-alone.xml"));
        int before = InheritedTenants.SET.get();

        assertTrue(store.putIfAbsent("key", new byte[] {1}, Duration.ofMinutes(1)));
        assertTrue(store.replace("key", new byte[] {1}, new byte[] {2}, Duration.ofMinutes(1)));
        assertArrayEquals(new byte[] {2}, store.get("key"));
        store.forward("key", "other", Duration.ofMinutes(1));
        assertEquals("other", store.forwardedTo("key"));
        assertArrayEquals(new byte[] {2}, store.remove("key"));

        assertEquals(before, InheritedTenants.SET.get(), "a tenant was set around the store's operations");
        // The factory does attach a tenant to a map that the application's thread makes itself.
        HazelcastInstance member = Hazelcast.getAllHazelcastInstances().iterator().next();
        member.getMap("made-by-the-application").put("key", "value");
        assertTrue(InheritedTenants.SET.get() > before, "the test's tenant factory attached no tenant");
    }
}
