package io.github.usersession.internal.rest;

import io.github.usersession.SessionLimitException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Answers the session cap with 503 in JAX-RS resources too.
 */
// Some JAX-RS runtimes (RESTEasy on WildFly) turn an unmapped exception into a 500 before the servlet filter sees it.
@Provider
public class SessionLimitExceptionMapper implements ExceptionMapper<SessionLimitException> {

    /** Seconds a refused client should wait: about the time in which some session ends on a busy server. */
    public static final int RETRY_AFTER_SECONDS = 60;

    /** The body of the refusal. */
    public static final String MESSAGE = "Too many user sessions are open; please try again later.\n";

    @Override
    public Response toResponse(SessionLimitException exception) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .header("Cache-Control", "no-store")
                .type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .entity(MESSAGE)
                .build();
    }
}
