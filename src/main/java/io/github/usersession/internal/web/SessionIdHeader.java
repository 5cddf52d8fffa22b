package io.github.usersession.internal.web;

import java.util.List;

import io.github.usersession.internal.SessionId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The session ID in a request header of the application's choice ({@code usersession.header.name}), for API clients
 * that keep no cookies: the response names a new or renewed ID in the same header, and an ended one with an empty
 * value.
 */
final class SessionIdHeader implements SessionIdTransport {

    private final String name;

    SessionIdHeader(String name) {
        this.name = name;
    }

    /** Whether the request carries the header at all, even empty: the client asks to be answered in it. */
    boolean carriedBy(HttpServletRequest request) {
        return request.getHeader(name) != null;
    }

    @Override
    public void candidates(HttpServletRequest request, List<SessionId> ids) {
        String value = request.getHeader(name);
        if (value == null) {
            return;
        }
        int start = 0;
        int end = value.length();
        while (start < end && value.charAt(start) == ' ') {
            start++;
        }
        while (end > start && value.charAt(end - 1) == ' ') {
            end--;
        }
        SessionId id = SessionId.parse(value, start, end);
        if (id != null) {
            ids.add(id);
        }
    }

    @Override
    public String issue(HttpServletRequest request, SessionId id) {
        return id.encoded();
    }

    @Override
    public String clear(HttpServletRequest request) {
        return "";
    }

    @Override
    public void write(HttpServletResponse response, String previous, String value) {
        response.setHeader(name, value);
    }

    @Override
    public boolean sent(HttpServletResponse response, String value) {
        return value.equals(response.getHeader(name));
    }
}
