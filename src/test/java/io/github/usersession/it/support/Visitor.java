package io.github.usersession.it.support;

import java.io.IOException;

import io.github.usersession.it.support.Http.Reply;

/**
 * One browser of a cluster test: it sends the cookies the previous responses set (the session's ID and the version
 * of its record it last saw), to whichever node the test names, and follows what each response does to them (a new
 * ID, a new version, or the ID cleared with {@code Max-Age=0}).
 */
public final class Visitor {

    private static final String COOKIE = "USERSESSION";
    private static final String VERSION = COOKIE + "-VERSION";

    private String id;
    private String version;

    public Visitor() {
    }

    /** A visitor that presents the given ID, as a browser still holding an old cookie would. */
    public Visitor(String id) {
        this.id = id;
    }

    /** A visitor that presents the given ID and version, as a thief replaying both cookies would. */
    public Visitor(String id, String version) {
        this.id = id;
        this.version = version;
    }

    public Reply get(MicroNode node, String path) throws IOException, InterruptedException {
        Reply reply = node.http().get(path, cookieHeader());
        for (String cookie : reply.setCookies()) {
            if (cookie.startsWith(COOKIE + "=")) {
                id = cookie.contains("Max-Age=0") ? null : reply.issued();
            } else if (cookie.startsWith(VERSION + "=")) {
                version = reply.issued(VERSION);
            }
        }
        return reply;
    }

    private String cookieHeader() {
        if (id == null) {
            return null;
        }
        return version == null ? COOKIE + "=" + id : COOKIE + "=" + id + "; " + VERSION + "=" + version;
    }

    /** The session ID this visitor holds, or null. */
    public String id() {
        return id;
    }

    /** The version of the session's record this visitor last saw, or null. */
    public String version() {
        return version;
    }
}
