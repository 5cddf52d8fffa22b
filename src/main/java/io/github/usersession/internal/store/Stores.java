package io.github.usersession.internal.store;

import io.github.usersession.spi.SessionStore;

/**
 * Makes the session store that {@code usersession.store} names.
 */
public final class Stores {

    private Stores() {
    }

    /**
     * The shared store, or null for {@code memory}, which keeps sessions in this server's heap only.
     *
     * @throws IllegalArgumentException naming the setting and its value when the store cannot be made
     */
    public static SessionStore create(String setting, ClassLoader loader) {
        if (setting.equals("memory")) {
            return null;
        }
        // By name, reflectively: with the memory store, a server without Hazelcast never loads a class that needs it.
        String className = setting.equals("hazelcast") ? HazelcastSessionStore.class.getName() : setting;
        try {
            Class<?> type = Class.forName(className, true, loader);
            if (!SessionStore.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException("usersession.store: '" + setting + "' is not a "
                        + SessionStore.class.getName());
            }
            return (SessionStore) type.getConstructor().newInstance();
        } catch (LinkageError | ClassNotFoundException e) {
            throw new IllegalArgumentException("usersession.store: '" + setting + "' cannot be loaded ("
                    + e + ")" + (setting.equals("hazelcast") ? "; it needs Hazelcast 5.3, which Payara provides, and"
                    + " which elsewhere the application bundles (com.hazelcast:hazelcast in WEB-INF/lib)" : ""), e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("usersession.store: '" + setting + "' has no public constructor"
                    + " without arguments", e);
        }
    }
}
