package io.github.usersession.internal;

import java.time.Instant;
import java.util.Optional;

import io.github.usersession.SessionHandle;

/**
 * The handle that applications get for a session: a thin view, so that they never hold the object the library locks.
 */
final class SessionRef implements SessionHandle {

    private final SessionRegistry registry;
    private final StoredSession session;

    SessionRef(SessionRegistry registry, StoredSession session) {
        this.registry = registry;
        this.session = session;
    }

    StoredSession session() {
        return session;
    }

    @Override
    public String traceId() {
        return session.traceId();
    }

    @Override
    public Instant createdAt() {
        return session.createdAt();
    }

    @Override
    public Instant lastAccessedAt() {
        return session.lastAccessedAt();
    }

    @Override
    public Instant expiresAt() {
        return Instant.ofEpochMilli(registry.deadline(session));
    }

    @Override
    public boolean isLive() {
        return registry.isLive(session);
    }

    @Override
    public Optional<String> principal() {
        return Optional.ofNullable(session.principal());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SessionRef ref && ref.session == session;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(session);
    }

    @Override
    public String toString() {
        return session.toString();
    }
}
