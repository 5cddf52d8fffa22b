package io.github.usersession.internal;

/** The registry's package-private steps, for benchmarks in other packages that act as the library's own layers. */
public final class RegistryAccess {

    private RegistryAccess() {
    }

    /** A new session, already let go of, as after the request that created it. */
    public static StoredSession createdAndReleased(SessionRegistry registry) {
        StoredSession session = registry.create();
        registry.release(session);
        return session;
    }

    /** Lets go of a session that a lookup counted in, as the end of a request does. */
    public static void release(SessionRegistry registry, StoredSession session) {
        registry.release(session);
    }
}
