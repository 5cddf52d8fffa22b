package io.github.usersession.internal.web;

import java.util.ArrayList;
import java.util.List;

import io.github.usersession.internal.SessionId;
import io.github.usersession.internal.UserSessionConfig;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The ways the clients of one application carry their session ID: the cookie unless it is disabled, and the API
 * header when one is configured.
 */
// A browser is answered by cookie only: were the ID in a response header too, the page's scripts could read what
// HttpOnly hides from them. So the header answers the clients that send it, and everyone when there is no cookie.
final class SessionIdTransports {

    /** Null when {@code usersession.cookie.enabled} is false. */
    private final SessionIdCookie cookie;
    /** Null unless {@code usersession.header.name} is set. */
    private final SessionIdHeader header;

    /** Null unless the cookie is enabled and the store lets a copy of the client's version serve. */
    private final RecordVersionCookie versions;

    /** {@code versions}: whether clients carry the version of the record they saw ({@link RecordVersionCookie}). */
    SessionIdTransports(UserSessionConfig config, boolean versions) {
        cookie = config.cookieEnabled() ? new SessionIdCookie(config) : null;
        header = config.headerName() == null ? null : new SessionIdHeader(config.headerName());
        this.versions = versions && cookie != null ? new RecordVersionCookie(config, cookie) : null;
    }

    /** The version cookie, or null when the store does not use one or the cookie is disabled. */
    RecordVersionCookie versions() {
        return versions;
    }

    /** The well-formed IDs the request carries: the header's first, then the cookies', in the client's order. */
    List<SessionId> candidates(HttpServletRequest request) {
        List<SessionId> ids = new ArrayList<>(1);
        if (header != null) {
            header.candidates(request, ids);
        }
        if (cookie != null) {
            cookie.candidates(request, ids);
        }
        return ids;
    }

    /** How this request's client learns of a change: in the header if it sent the header or has no cookie. */
    SessionIdTransport replyTo(HttpServletRequest request) {
        return header != null && (cookie == null || header.carriedBy(request)) ? header : cookie;
    }
}
