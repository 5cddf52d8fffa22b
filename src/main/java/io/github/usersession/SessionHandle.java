package io.github.usersession;

import java.time.Instant;

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
}
