package io.github.usersession.internal;

import java.util.Map;
import java.util.function.LongSupplier;

import io.github.usersession.internal.security.PrincipalIndex;

/**
 * Registries with a clock the test moves, for tests outside this package.
 */
public final class SessionRegistries {

    private SessionRegistries() {
    }

    public static SessionRegistry withClock(Map<String, String> settings, LongSupplier clock) {
        return new SessionRegistry(UserSessionConfig.from(settings::get), new InMemorySessionStore(),
                new SessionEvents(null), clock);
    }

    /** A registry whose store provides the given principal index. */
    public static SessionRegistry withIndex(PrincipalIndex index, LongSupplier clock) {
        return new SessionRegistry(UserSessionConfig.from(Map.<String, String>of()::get), new StoreWithIndex(index),
                new SessionEvents(null), clock);
    }

    /** A new session, let go of at once, as a request that created it and ended would. */
    public static StoredSession createAndRelease(SessionRegistry registry) {
        StoredSession session = registry.create();
        registry.release(session);
        return session;
    }

    public static io.github.usersession.SessionEndReason endReason(StoredSession session) {
        return session.endReason();
    }

    public static void reap(SessionRegistry registry) {
        registry.reap();
    }

    /** The in-memory store with a given index. */
    private static final class StoreWithIndex implements SessionStore {
        private final InMemorySessionStore sessions = new InMemorySessionStore();
        private final PrincipalIndex index;

        StoreWithIndex(PrincipalIndex index) {
            this.index = index;
        }

        @Override
        public StoredSession get(SessionId id) {
            return sessions.get(id);
        }

        @Override
        public boolean putIfAbsent(SessionId id, StoredSession session) {
            return sessions.putIfAbsent(id, session);
        }

        @Override
        public void remove(SessionId id, StoredSession session) {
            sessions.remove(id, session);
        }

        @Override
        public java.util.Collection<StoredSession> sessions() {
            return sessions.sessions();
        }

        @Override
        public PrincipalIndex principalIndex() {
            return index;
        }
    }
}
