package io.github.usersession;

/**
 * Why a user session ended, as carried by the {@code @BeforeDestroyed} and {@code @Destroyed} events; the session cap
 * is not among them, because it never ends a session, it only refuses new ones.
 */
public enum SessionEndReason {

    /**
     * {@link Logout}, {@link UserSessions#end()}, the application's {@code HttpServletRequest.logout()} (unless
     * {@code usersession.end-on-logout} is false), or another user signing in on the session.
     */
    LOGOUT,

    /** No request used the session for the idle timeout. */
    IDLE_TIMEOUT,

    /** The session reached its absolute timeout, however active it was. */
    ABSOLUTE_TIMEOUT,

    /** The application was undeployed or the server shut down. */
    SHUTDOWN,

    /**
     * The response that started the session, or renewed its ID, could not name it to the client: the request failed
     * and the server's error page dropped the cookie, or the response was committed before the cookie could be set.
     * No client could ever use the session again, so it ends at once rather than at its timeout.
     */
    UNDELIVERED,

    /** {@link UserSessions#endAll(String)} ended all sessions of the session's user. */
    REVOKED,

    /**
     * The session's user signed in on more sessions than {@code usersession.max-sessions-per-principal} allows, and
     * this was the oldest of them.
     */
    EVICTED
}
