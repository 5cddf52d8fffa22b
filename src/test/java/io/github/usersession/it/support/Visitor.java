package io.github.usersession.it.support;

import java.io.IOException;

import io.github.usersession.it.support.Http.Reply;

/**
 * One browser of a cluster test: it sends the cookie the previous response set, to whichever node the test names,
 * and follows what each response does to the cookie (a new ID, or cleared with {@code Max-Age=0}).
 */
public final class Visitor {

    private static final String COOKIE = "USERSESSION";

    private String id;

    public Visitor() {
    }

    /** A visitor that presents the given ID, as a browser still holding an old cookie would. */
    public Visitor(String id) {
        this.id = id;
    }

    public Reply get(MicroNode node, String path) throws IOException, InterruptedException {
        Reply reply = node.http().get(path, id == null ? null : COOKIE + "=" + id);
        for (String cookie : reply.setCookies()) {
            if (cookie.startsWith(COOKIE + "=")) {
                id = cookie.contains("Max-Age=0") ? null : reply.issued();
            }
        }
        return reply;
    }

    /** The session ID this visitor holds, or null. */
    public String id() {
        return id;
    }
}
