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
        return new SessionRegistry(UserSessionConfig.from(settings::get), new LiveSessions(),
                new SessionEvents(null), clock);
    }

    /** A registry whose sessions are indexed by principal in the given index. */
    public static SessionRegistry withIndex(PrincipalIndex index, LongSupplier clock) {
        return new SessionRegistry(UserSessionConfig.from(Map.<String, String>of()::get), new LiveSessions(),
                new SessionEvents(null), clock, null, index);
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
}
