package io.github.usersession;

/**
 * Why a user session ended, as carried by the {@code @BeforeDestroyed} and {@code @Destroyed} events; the session cap
 * is not among them, because it never ends a session, it only refuses new ones.
 */
public enum SessionEndReason {

    /** {@link Logout} or {@link UserSessions#end()}. */
    LOGOUT,

    /** No request used the session for the idle timeout. */
    IDLE_TIMEOUT,

    /** The session reached its absolute timeout, however active it was. */
    ABSOLUTE_TIMEOUT,

    /** The application was undeployed or the server shut down. */
    SHUTDOWN
}
