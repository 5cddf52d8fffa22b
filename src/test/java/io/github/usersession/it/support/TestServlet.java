package io.github.usersession.it.support;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;

import io.github.usersession.it.support.Http.Reply;

/**
 * What the tests of a {@link Deployments#servletApp} ask its test servlet ({@code /s/*}): a new session, and the
 * records of its lifecycle and of the work the application did on other threads.
 */
public final class TestServlet {

    private final Http http;

    public TestServlet(Http http) {
        this.http = http;
    }

    /** Starts a session whose cart holds the item, and returns the Cookie header that names it. */
    public String session(String item) throws Exception {
        Reply reply = http.get("s/add?item=" + item);
        assertNotNull(reply.issued(), reply.setCookies().toString());
        return "USERSESSION=" + reply.issued();
    }

    public List<String> lifecycle() throws Exception {
        return http.get("s/lifecycle").body().lines().toList();
    }

    /** Waits at most 30 s until the lifecycle has a line with the prefix, and returns all its lines then. */
    public List<String> awaitLifecycle(String prefix) throws Exception {
        for (int i = 0; i < 150; i++) {
            List<String> lines = lifecycle();
            if (lines.stream().anyMatch(line -> line.startsWith(prefix))) {
                return lines;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("No lifecycle line " + prefix + " in " + lifecycle());
    }

    /** The first of the lines with the prefix. */
    public static String line(List<String> lines, String prefix) {
        return lines.stream().filter(line -> line.startsWith(prefix)).findFirst().orElseThrow(
                () -> new AssertionError("No line " + prefix + " in " + lines));
    }
}
