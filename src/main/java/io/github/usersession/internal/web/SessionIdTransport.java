package io.github.usersession.internal.web;

import java.util.List;

import io.github.usersession.internal.SessionId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * One way a client names its session and learns of changes to it: the cookie, or the header of API clients.
 */
interface SessionIdTransport {

    /** Adds the well-formed IDs the request carries this way to {@code ids}, in the client's order. */
    void candidates(HttpServletRequest request, List<SessionId> ids);

    /** The header value that names the ID to the client. */
    String issue(HttpServletRequest request, SessionId id);

    /** The header value that tells the client its session has ended. */
    String clear(HttpServletRequest request);

    /** Writes the value into the response, in place of {@code previous} if the response carries that. */
    void write(HttpServletResponse response, String previous, String value);

    /** Whether the response carries the value. */
    boolean sent(HttpServletResponse response, String value);
}
