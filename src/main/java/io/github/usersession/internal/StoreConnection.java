package io.github.usersession.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.usersession.spi.StoreContext;

/**
 * What a shared store sees of the application: its context path and settings, and the registry that its expiry and
 * removal reports reach, on the store's own threads, with the application's class loader.
 */
final class StoreConnection implements StoreContext {

    private static final Logger LOG = Logger.getLogger(StoreConnection.class.getName());

    private final SessionRegistry registry;
    private final String contextPath;
    private final UnaryOperator<String> settings;
    private final ClassLoader classLoader;

    StoreConnection(SessionRegistry registry, String contextPath, UnaryOperator<String> settings,
            ClassLoader classLoader) {
        this.registry = registry;
        this.contextPath = contextPath;
        this.settings = settings;
        this.classLoader = classLoader;
    }

    @Override
    public String contextPath() {
        return contextPath;
    }

    @Override
    public Optional<String> setting(String key) {
        return Optional.ofNullable(settings.apply(key)).filter(value -> !value.isBlank()).map(String::trim);
    }

    @Override
    public ClassLoader classLoader() {
        return classLoader;
    }

    @Override
    public Duration idleTimeToLive() {
        Duration idle = registry.config().idleTimeout();
        return idle.plusMillis(Replication.slack(idle));
    }

    @Override
    public void expired(String key, byte[] record) {
        inApplication(() -> registry.expiredInStore(key, record), "Destroying a session that the store expired");
    }

    @Override
    public void gone(String key) {
        inApplication(() -> registry.goneFromStore(key), "Dropping the local copy of a session gone from the store");
    }

    @Override
    public void changed(String key, byte[] record) {
        inApplication(() -> registry.changedInStore(key, record), "Bringing a session's local copy up to the store");
    }

    private void inApplication(Runnable task, String what) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(classLoader);
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            // The store's event thread must go on: the next report may well succeed.
            LOG.log(Level.SEVERE, e, () -> what + " failed");
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
