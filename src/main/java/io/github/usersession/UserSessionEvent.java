package io.github.usersession;

import java.util.Optional;

/**
 * The payload of the {@code @Initialized}, {@code @BeforeDestroyed} and {@code @Destroyed} events of the
 * {@link UserSession} scope: which session, and why it ended. It never carries the session ID.
 */
public final class UserSessionEvent {

    private final SessionHandle session;
    private final SessionEndReason endReason;

    /**
     * Creates an event for the given session; {@code endReason} is null for {@code @Initialized}.
     */
    public UserSessionEvent(SessionHandle session, SessionEndReason endReason) {
        this.session = session;
        this.endReason = endReason;
    }

    /** The session the event is about. */
    public SessionHandle session() {
        return session;
    }

    /** Why the session ended; empty for {@code @Initialized}. */
    public Optional<SessionEndReason> endReason() {
        return Optional.ofNullable(endReason);
    }

    @Override
    public String toString() {
        return endReason == null ? "UserSessionEvent[" + session + "]"
                : "UserSessionEvent[" + session + ", " + endReason + "]";
    }
}
