package io.github.usersession.internal.store;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.usersession.spi.StoreContext;

/**
 * An application as a store sees it, with a Hazelcast configuration file from the test class path and an idle timeout
 * of 30 minutes; it notes every record the store tells it of, in {@link #calls}.
 */
final class RecordingContext implements StoreContext {

    final List<String> calls = new CopyOnWriteArrayList<>();
    private final String contextPath;
    private final String hazelcastConfig;

    RecordingContext(String contextPath, String hazelcastConfig) {
        this.contextPath = contextPath;
        this.hazelcastConfig = hazelcastConfig;
    }

    @Override
    public String contextPath() {
        return contextPath;
    }

    @Override
    public Optional<String> setting(String key) {
        return HazelcastSessionStore.CONFIG.equals(key) ? Optional.of(hazelcastConfig) : Optional.empty();
    }

    @Override
    public ClassLoader classLoader() {
        return RecordingContext.class.getClassLoader();
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
