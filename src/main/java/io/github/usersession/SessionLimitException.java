package io.github.usersession;

/**
 * Thrown when a request would create a user session while {@code usersession.max-sessions} are already live. Within
 * a servlet request it is answered with {@code 503 Service Unavailable} and a {@code Retry-After} header.
 */
public class SessionLimitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message that names the limit.
     */
    public SessionLimitException(String message) {
        super(message);
    }
}
