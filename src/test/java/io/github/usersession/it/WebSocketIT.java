package io.github.usersession.it;

import static io.github.usersession.it.support.TestServlet.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.usersession.it.app.threads.CartSocket;
import io.github.usersession.it.app.threads.Gates;
import io.github.usersession.it.app.threads.Reports;
import io.github.usersession.it.app.threads.ThreadsServlet;
import io.github.usersession.it.app.threads.Work;
import io.github.usersession.it.support.Deployments;
import io.github.usersession.it.support.Http;
import io.github.usersession.it.support.Http.Reply;
import io.github.usersession.it.support.Socket;
import io.github.usersession.it.support.TestServlet;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * WebSocket endpoints that name UserSessionConfigurator, driven by the JDK's WebSocket client: their calls run bound
 * to the session of the handshake's cookie, and the session's end closes them. The idle timeout is short here, so
 * that a test can show that messages keep a session alive.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class WebSocketIT {

    static final int IDLE_SECONDS = 6;

    @Deployment(testable = false)
    static WebArchive application() {
        return Deployments.servletApp("sockets").addClasses(CartSocket.class, ThreadsServlet.class, Work.class,
                Gates.class, Reports.class).setWebXML(Deployments.webXml(
                        Map.of("usersession.idle-timeout", "PT" + IDLE_SECONDS + "S")));
    }

    @ArquillianResource
    URL base;

    Http http;
    TestServlet app;

    @BeforeEach
    void client() {
        http = new Http(base);
        app = new TestServlet(http);
    }

    @Test
    void everyEndpointCallRunsBoundToTheHandshakesSession() throws Exception {
        String cookie = app.session("tea");
        String name = UUID.randomUUID().toString();
        try (Socket socket = Socket.open(base, "ws/cart?name=" + name, cookie)) {
            assertEquals("open items=[tea]", socket.next());
            assertEquals("items=[tea, milk]", socket.ask("add milk"));
            assertEquals("items=[tea, milk]", http.get("s/items", cookie).body(), "the request sees the socket's add");
            http.get("s/add?item=jam", cookie);
            assertEquals("items=[tea, milk, jam]", socket.ask("items"), "and the socket the request's");
            assertEquals("error failing on purpose items=[tea, milk, jam]", socket.ask("fail"));
        }
        List<String> lines = app.awaitLifecycle("socket " + name + " destroyed");
        assertEquals("socket " + name + " closed 1000 items=[tea, milk, jam]", line(lines, "socket " + name
                + " closed"));
        assertTrue(lines.indexOf(line(lines, "socket " + name + " closed"))
                < lines.indexOf("socket " + name + " destroyed"), "@PreDestroy runs after @OnClose");
    }

    @Test
    void aSocketWhoseHandshakeNamedNoSessionFailsClearlyAndNeverStartsOne() throws Exception {
        String before = http.get("s/count").body();
        for (String cookie : new String[] {null, "USERSESSION=" + "A".repeat(43)}) {
            try (Socket socket = Socket.open(base, "ws/cart", cookie)) {
                String open = socket.next();
                assertTrue(open.startsWith("open failed ContextNotActiveException: No user session is bound to"
                        + " this WebSocket connection") && open.contains("cannot set a cookie"), open);
                String add = socket.ask("add tea");
                assertTrue(add.startsWith("failed ContextNotActiveException: No user session"), add);
            }
        }
        assertEquals(before, http.get("s/count").body(), "no session was started");
    }

    @Test
    void logoutClosesEverySocketOfTheSessionWhileARunningTaskKeepsItsBeans() throws Exception {
        String cookie = app.session("tea");
        String other = app.session("coffee");
        String token = UUID.randomUUID().toString();
        String cart = http.get("s/whoami", cookie).field("cart");
        try (Socket first = Socket.open(base, "ws/cart?name=first-" + token, cookie);
                Socket second = Socket.open(base, "ws/cart?name=second-" + token, cookie);
                Socket unrelated = Socket.open(base, "ws/cart?name=other-" + token, other)) {
            assertEquals("open items=[tea]", first.next());
            assertEquals("open items=[tea]", second.next());
            assertEquals("open items=[coffee]", unrelated.next());
            assertEquals("submitted", http.get("t/hold?token=" + token, cookie).body());
            assertEquals("task " + token + " before: items=[tea]", line(app.awaitLifecycle("task " + token + " before"),
                    "task " + token + " before"));

            http.get("s/logout", cookie);
            assertEquals("1008 The user session has ended", first.awaitClose());
            assertEquals("1008 The user session has ended", second.awaitClose());
            assertFalse(unrelated.isClosed(), "another session's socket stays open");
            assertEquals("items=[coffee]", unrelated.ask("items"));
            List<String> lines = app.awaitLifecycle("socket first-" + token + " closed");
            String closed = line(lines, "socket first-" + token + " closed");
            assertTrue(closed.startsWith("socket first-" + token + " closed 1008 failed ContextNotActiveException")
                    && closed.contains("has ended"), closed);
            assertFalse(lines.contains("cart destroyed " + cart), "not destroyed while the task runs");

            http.get("t/release?token=" + token);
            lines = app.awaitLifecycle("cart destroyed " + cart);
            assertEquals("task " + token + " after: items=[tea, after]", line(lines, "task " + token + " after"),
                    "the task kept the session's beans after the logout");
            assertEquals(1, lines.stream().filter(("cart destroyed " + cart)::equals).count(), "destroyed once");
            assertTrue(lines.indexOf(line(lines, "task " + token + " after")) < lines.indexOf("cart destroyed "
                    + cart), "destroyed when the task let go");
        }
    }

    @Test
    void messagesKeepTheSessionAliveAsRequestsDo() throws Exception {
        String chatting = app.session("chat");
        String idle = app.session("idle");
        try (Socket socket = Socket.open(base, "ws/cart", chatting)) {
            assertEquals("open items=[chat]", socket.next());
            long start = System.nanoTime();
            while (System.nanoTime() - start < (IDLE_SECONDS + 3) * 1_000_000_000L) {
                assertEquals("items=[chat]", socket.ask("items"));
                Thread.sleep(1_000);
            }
        }
        assertEquals("items=[chat]", http.get("s/items", chatting).body(), "the socket's messages kept it alive");
        assertEquals("items=[]", http.get("s/items", idle).body(), "the session without messages expired");
    }
}
