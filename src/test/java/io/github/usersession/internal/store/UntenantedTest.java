package io.github.usersession.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.github.usersession.spi.StoreContext;
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
        store.start(new Context());
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

    /** The application as the store sees it, with a Hazelcast configuration of one member. */
    static final class Context implements StoreContext {
        private final Map<String, String> settings = Map.of(HazelcastSessionStore.CONFIG, "hazelcast-alone.xml");

        @Override
        public String contextPath() {
            return "/tenant";
        }

        @Override
        public Optional<String> setting(String key) {
            return Optional.ofNullable(settings.get(key));
        }

        @Override
        public ClassLoader classLoader() {
            return UntenantedTest.class.getClassLoader();
        }

        @Override
        public Duration idleTimeToLive() {
            return Duration.ofMinutes(30);
        }

        @Override
        public void expired(String key, byte[] record) {
        }

        @Override
        public void gone(String key) {
        }

        @Override
        public void changed(String key, byte[] record) {
        }
    }
}
