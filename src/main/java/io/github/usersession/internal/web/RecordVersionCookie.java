package io.github.usersession.internal.web;

import java.util.Enumeration;

import io.github.usersession.internal.UserSessionConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The cookie {@code <cookie name>-VERSION}: the version of the session's shared record that the client last saw. A
 * server whose copy of the session has that version serves it without reading the store. Used only with a store that
 * reports every change and confirms every removal (Hazelcast's).
 */
// What the client has seen is what it may be served, as with Payara's JSESSIONIDVERSION: a copy of that version is as
// good as the record, and the store's reports keep copies from falling behind. The value is no secret (versions count
// up from 1): what refuses an ended ID everywhere is the store confirming every removal on every server, not this.
final class RecordVersionCookie {

    /** More digits than a long holds are not a version. */
    private static final int MAX_DIGITS = 18;

    private final String name;
    private final SessionIdCookie cookie;

    RecordVersionCookie(UserSessionConfig config, SessionIdCookie cookie) {
        this.name = config.cookieName() + "-VERSION";
        this.cookie = cookie;
    }

    /** The version the request's first well-formed cookie of this name shows; 0 when it shows none. */
    long version(HttpServletRequest request) {
        long[] version = new long[1];
        Enumeration<String> headers = request.getHeaders("Cookie");
        while (headers != null && headers.hasMoreElements() && version[0] == 0) {
            SessionIdCookie.forEachValue(headers.nextElement(), name, (header, start, end) -> {
                version[0] = parse(header, start, end);
                return version[0] == 0;
            });
        }
        return version[0];
    }

    /** A positive decimal number of at most 18 digits, or 0 for anything else. */
    static long parse(String text, int start, int end) {
        if (end <= start || end - start > MAX_DIGITS) {
            return 0;
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            char digit = text.charAt(i);
            if (digit < '0' || digit > '9') {
                return 0;
            }
            value = value * 10 + (digit - '0');
        }
        return value;
    }

    /**
     * Writes the Set-Cookie header into the response, in place of one this cookie already has there: an earlier
     * dispatch of the same request may have written an older version.
     */
    void write(HttpServletResponse response, String setCookie) {
        String prefix = name + "=";
        for (String existing : response.getHeaders("Set-Cookie")) {
            if (existing.startsWith(prefix)) {
                if (!existing.equals(setCookie)) {
                    SessionIdCookie.replace(response, existing, setCookie);
                }
                return;
            }
        }
        response.addHeader("Set-Cookie", setCookie);
    }

    /** The Set-Cookie header that tells the client the version it has now seen. */
    String setCookie(HttpServletRequest request, long version) {
        return name + "=" + version + cookie.attributes(request);
    }
}
