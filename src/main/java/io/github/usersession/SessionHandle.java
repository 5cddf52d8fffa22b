package io.github.usersession;

import java.time.Instant;
import java.util.Optional;

/**
 * An opaque reference to one user session, safe to log: it never reveals the session ID, and its {@link #toString()}
 * is a random trace ID that stays the same when the session ID is renewed.
 */
public interface SessionHandle {

    /** The log-safe trace ID of this session; unrelated to the session ID. */
    String traceId();

    /** When the session was created. */
    Instant createdAt();

    /** When a request last used the session. */
    Instant lastAccessedAt();

    /** When the session will expire if it is not used again: the earlier of its idle and absolute deadlines. */
    Instant expiresAt();

    /** Whether the session is still live, that is not ended by logout, timeout or shutdown. */
    boolean isLive();

    /**
     * The name of the authenticated user the session belongs to ({@code HttpServletRequest.getUserPrincipal()} of
     * the request that signed in on it); empty while no user has signed in. A session's user never changes: when
     * another user signs in on it, it ends and a new session starts.
     */
    Optional<String> principal();
}
