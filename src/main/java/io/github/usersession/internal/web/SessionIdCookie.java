package io.github.usersession.internal.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;

import io.github.usersession.internal.SessionId;
import io.github.usersession.internal.UserSessionConfig;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Reads session IDs from the Cookie header and writes the Set-Cookie header that issues or clears one.
 */
// It parses the header itself, in linear time, so that malformed, oversized or duplicate cookies can never make the
// container fail.
public final class SessionIdCookie implements SessionIdTransport {

    /** More cookies of our name than this are a broken client or an attack; the rest are not looked up. */
    private static final int MAX_CANDIDATES = 8;

    private final UserSessionConfig config;

    public SessionIdCookie(UserSessionConfig config) {
        this.config = config;
    }

    /** Adds the well-formed IDs among the cookies carrying our name, in the order the client sent them. */
    @Override
    public void candidates(HttpServletRequest request, List<SessionId> ids) {
        Enumeration<String> headers = request.getHeaders("Cookie");
        while (headers != null && headers.hasMoreElements()) {
            collect(headers.nextElement(), ids);
        }
    }

    /** The well-formed IDs among the cookies of our name in these Cookie headers (a WebSocket handshake's). */
    public List<SessionId> candidates(List<String> cookieHeaders) {
        List<SessionId> ids = new ArrayList<>(1);
        if (cookieHeaders != null) {
            for (String header : cookieHeaders) {
                collect(header, ids);
            }
        }
        return ids;
    }

    void collect(String header, List<SessionId> ids) {
        forEachValue(header, config.cookieName(), (text, start, end) -> {
            SessionId id = SessionId.parse(text, start, end);
            if (id != null) {
                ids.add(id);
            }
            return ids.size() < MAX_CANDIDATES;
        });
    }

    /** What is done with the value of each cookie of a name; false stops the visit. */
    @FunctionalInterface
    interface ValueVisitor {
        boolean visit(String header, int valueStart, int valueEnd);
    }

    /** Visits the value of each cookie of the name in a Cookie header, in the client's order, without copying it. */
    static void forEachValue(String header, String name, ValueVisitor visitor) {
        int length = header.length();
        int start = 0;
        while (start < length) {
            int end = header.indexOf(';', start);
            if (end < 0) {
                end = length;
            }
            int from = skipSpace(header, start, end);
            // The '=' is looked for within this cookie only: searching the rest of the header made parsing quadratic.
            int equals = header.regionMatches(from, name, 0, name.length())
                    ? skipSpace(header, from + name.length(), end) : end;
            if (equals < end && header.charAt(equals) == '=') {
                int valueStart = skipSpace(header, equals + 1, end);
                int valueEnd = end;
                while (valueEnd > valueStart && header.charAt(valueEnd - 1) == ' ') {
                    valueEnd--;
                }
                if (!visitor.visit(header, valueStart, valueEnd)) {
                    return;
                }
            }
            start = end + 1;
        }
    }

    /** The Set-Cookie header that issues the ID. */
    @Override
    public String issue(HttpServletRequest request, SessionId id) {
        return config.cookieName() + "=" + id.encoded() + attributes(request);
    }

    /** The Set-Cookie header that clears the cookie. */
    @Override
    public String clear(HttpServletRequest request) {
        return config.cookieName() + "=; Max-Age=0" + attributes(request);
    }

    @Override
    public void write(HttpServletResponse response, String previous, String value) {
        // A later change replaces the earlier one: the client must see one cookie, the last.
        if (previous != null && sent(response, previous)) {
            replace(response, previous, value);
        } else {
            response.addHeader("Set-Cookie", value);
        }
    }

    @Override
    public boolean sent(HttpServletResponse response, String setCookie) {
        Collection<String> headers = response.getHeaders("Set-Cookie");
        return headers != null && headers.contains(setCookie);
    }

    /**
     * Replaces one Set-Cookie header of the response by another and keeps the others, the application's own cookies:
     * the servlet API can only replace all headers of a name.
     */
    static void replace(HttpServletResponse response, String previous, String next) {
        List<String> headers = new ArrayList<>(response.getHeaders("Set-Cookie"));
        headers.set(headers.indexOf(previous), next);
        response.setHeader("Set-Cookie", headers.get(0));
        for (int i = 1; i < headers.size(); i++) {
            response.addHeader("Set-Cookie", headers.get(i));
        }
    }

    /** The attributes of every cookie the library sets: path, domain, Secure, HttpOnly and SameSite. */
    String attributes(HttpServletRequest request) {
        StringBuilder attributes = new StringBuilder(64);
        attributes.append("; Path=").append(path(request));
        if (config.cookieDomain() != null) {
            attributes.append("; Domain=").append(config.cookieDomain());
        }
        if (isSecure(request)) {
            attributes.append("; Secure");
        }
        return attributes.append("; HttpOnly; SameSite=").append(config.sameSite()).toString();
    }

    private String path(HttpServletRequest request) {
        if (config.cookiePath() != null) {
            return config.cookiePath();
        }
        String contextPath = request.getContextPath();
        // Some containers return the context path undecoded, with path parameters: ';' would end the attribute.
        int parameters = contextPath == null ? -1 : contextPath.indexOf(';');
        if (parameters >= 0) {
            contextPath = contextPath.substring(0, parameters);
        }
        return contextPath == null || contextPath.isEmpty() ? "/" : contextPath;
    }

    private boolean isSecure(HttpServletRequest request) {
        return switch (config.secure()) {
            case TRUE -> true;
            case FALSE -> config.sameSite() == UserSessionConfig.SameSite.None;
            case AUTO -> request.isSecure() || config.sameSite() == UserSessionConfig.SameSite.None;
        };
    }

    private static int skipSpace(String text, int from, int end) {
        while (from < end && (text.charAt(from) == ' ' || text.charAt(from) == '\t')) {
            from++;
        }
        return from;
    }
}
