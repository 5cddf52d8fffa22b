package io.github.usersession.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.usersession.it.app.CartResource;
import io.github.usersession.it.app.RestApplication;
import io.github.usersession.it.app.security.BasicLogin;
import io.github.usersession.it.app.security.RejectionCounter;
import io.github.usersession.it.app.security.SecurityServlet;
import io.github.usersession.it.app.security.TestUsers;
import io.github.usersession.it.support.Deployments;
import io.github.usersession.it.support.Http;
import io.github.usersession.it.support.Http.Reply;
import io.github.usersession.it.support.Servers;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who owns a session, with a real login: Jakarta Security's HTTP Basic and an identity store the test ships. A
 * request with credentials carries its user; one without is anonymous, as a Basic client sends them when it likes.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class PrincipalIT {

    static final String FORGED = "A".repeat(42) + "E";

    @Deployment(testable = false)
    static WebArchive application() {
        // JAX-RS too: Payara gives MicroProfile Metrics to applications that use JAX-RS or MicroProfile Metrics.
        return Deployments.servletApp("principal").addClasses(RestApplication.class, CartResource.class)
                .addClasses(BasicLogin.class, TestUsers.class, RejectionCounter.class, SecurityServlet.class);
    }

    @ArquillianResource
    URL base;

    Http http;

    @BeforeEach
    void client() throws Exception {
        http = new Http(base);
        for (String user : List.of("alice", "bob", "carol")) {
            http.get("sec/end-all?user=" + user);
        }
    }

    /** A request as the user (null: anonymous) with the session ID (null: none). */
    Reply as(String user, String id, String path) throws Exception {
        return http.getAs(path, user, "secret-" + user, "Cookie", id == null ? null : "USERSESSION=" + id);
    }

    String anonymousSession(String item) throws Exception {
        Reply reply = as(null, null, "sec/add?item=" + item);
        assertNotNull(reply.issued(), reply.toString());
        return reply.issued();
    }

    String signIn(String id, String user) throws Exception {
        Reply reply = as(user, id, "sec/whoami");
        assertEquals(user, reply.field("owner"), reply.body());
        assertNotNull(reply.issued(), "a sign-in renews the ID: " + reply.setCookies());
        return reply.issued();
    }

    boolean exists(String id) throws Exception {
        return Boolean.parseBoolean(as(null, id, "sec/exists").field("exists"));
    }

    @Test
    void signInRenewsTheIdAndKeepsTheCart() throws Exception {
        String anonymous = anonymousSession("tea");
        Reply signIn = as("alice", anonymous, "sec/whoami");
        assertEquals("user=alice owner=alice items=tea", signIn.body().replaceAll(" cart=.*", ""));
        String renewed = signIn.issued();
        assertNotNull(renewed);
        assertNotEquals(anonymous, renewed);
        assertFalse(exists(anonymous), "the ID from before the sign-in is dead");

        Reply anonymousRequest = as(null, renewed, "sec/whoami");
        assertEquals("owner=alice items=tea", "owner=" + anonymousRequest.field("owner") + " items="
                + anonymousRequest.field("items"), "a request without credentials changes nothing");
        assertEquals(List.of(), anonymousRequest.setCookies());
        assertEquals(List.of(), as("alice", renewed, "sec/whoami").setCookies(), "signed in already");
    }

    @Test
    void anotherUserNeverGetsTheCart() throws Exception {
        String alices = signIn(anonymousSession("alice's-tea"), "alice");
        Reply bob = as("bob", alices, "sec/whoami");
        assertEquals("bob", bob.field("owner"));
        assertEquals("", bob.field("items"));
        assertNotNull(bob.issued());
        assertFalse(exists(alices));
        assertEquals("sessions=0", as(null, null, "sec/find?user=alice").body());
    }

    @Test
    void endAllEndsEveryBrowserOfTheUserAtOnceAndNoOther() throws Exception {
        List<String> alices = List.of(signIn(anonymousSession("one"), "alice"),
                signIn(anonymousSession("two"), "alice"), signIn(anonymousSession("three"), "alice"));
        String bobs = signIn(anonymousSession("bob's"), "bob");
        List<String> traces = new java.util.ArrayList<>();
        List<String> carts = new java.util.ArrayList<>();
        for (String id : alices) {
            Reply reply = as(null, id, "sec/whoami");
            traces.add(reply.field("trace"));
            carts.add(reply.field("cart"));
        }
        assertEquals("sessions=3", as(null, null, "sec/find?user=alice").body());

        assertEquals("ended=3", as(null, null, "sec/end-all?user=alice").body());

        for (String id : alices) {
            assertFalse(exists(id), "every browser's cookie stops working at once");
        }
        List<String> lifecycle = as(null, null, "sec/lifecycle").body().lines().toList();
        for (int i = 0; i < 3; i++) {
            assertEquals(1, lifecycle.stream().filter(("destroyed " + traces.get(i) + " REVOKED")::equals).count(),
                    lifecycle.toString());
            assertEquals(1, lifecycle.stream().filter(("cart destroyed " + carts.get(i))::equals).count(),
                    "@PreDestroy once per session");
        }
        assertEquals("bob's", as(null, bobs, "sec/whoami").field("items"), "another user's session is untouched");
    }

    @Test
    void logoutEndsTheSession() throws Exception {
        String id = signIn(anonymousSession("tea"), "alice");
        Reply logout = as("alice", id, "sec/logout");
        assertEquals("exists=false", logout.body());
        assertTrue(logout.setCookies().stream().anyMatch(c -> c.startsWith("USERSESSION=;") && c.contains("Max-Age=0")),
                logout.setCookies().toString());
        assertFalse(exists(id));
    }

    @Test
    void forgedIdNeverBecomesTheUsersSession() throws Exception {
        Reply reply = as("carol", FORGED, "sec/add?item=tea");
        assertNotNull(reply.issued());
        assertNotEquals(FORGED, reply.issued());
        assertEquals("carol", reply.field("owner"));
        assertEquals("sessions=1", as(null, null, "sec/find?user=carol").body());
        assertFalse(exists(FORGED));
    }

    @Test
    void rejectedIdFiresOneEventWithoutTheId() throws Exception {
        int before = Integer.parseInt(as(null, null, "sec/rejections").field("rejections"));
        Reply forged = as(null, FORGED, "sec/whoami");
        assertNull(forged.setCookies().stream().filter(c -> c.contains(FORGED)).findAny().orElse(null));
        assertEquals(before + 1, Integer.parseInt(as(null, null, "sec/rejections").field("rejections")));
        Map<String, String> twoForged = Map.of("Cookie", "USERSESSION=" + FORGED + "; USERSESSION=" + "B".repeat(42)
                + "E");
        http.getWith("sec/whoami", twoForged);
        Reply after = as(null, null, "sec/rejections");
        assertEquals(before + 2, Integer.parseInt(after.field("rejections")), "once per request: " + after.body());
        assertFalse(after.body().contains(FORGED), after.body());
        assertTrue(after.field("last").contains("/principal/sec/whoami"), after.body());
    }

    @Test
    void mbeanCountsWhatHappens() throws Exception {
        Map<String, Long> before = figures();
        String id = anonymousSession("tea");
        as(null, id, "sec/logout");
        as(null, FORGED, "sec/exists");
        Map<String, Long> after = figures();
        assertEquals(before.get("SessionsCreated") + 1, after.get("SessionsCreated"));
        assertEquals(before.get("EndedByLogout") + 1, after.get("EndedByLogout"));
        assertEquals(before.get("SessionIdsRejected") + 1, after.get("SessionIdsRejected"));
        assertEquals(before.get("SessionsEnded") + 1, after.get("SessionsEnded"));
        assertTrue(after.containsKey("LiveSessions") && after.containsKey("CapRefusals")
                && after.containsKey("EndedByRevoked") && after.containsKey("EndedByEvicted"), after.toString());
    }

    @Test
    void figuresAreInMicroProfileMetricsWhereTheServerHasIt() throws Exception {
        anonymousSession("tea");
        URL metrics = new URL(base, "/metrics?scope=application");
        Reply reply = new Http(metrics).get("");
        if (Servers.hasMicroProfileMetrics()) {
            assertEquals(200, reply.status(), reply.body());
            String line = reply.body().lines().filter(l -> l.contains("liveSessions") && l.contains("/principal"))
                    .findFirst().orElseThrow(() -> new AssertionError(reply.body()));
            assertTrue(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) >= 1, line);
        } else {
            assertEquals("exists=false", as(null, null, "sec/exists").body(), "deployed all the same");
        }
    }

    Map<String, Long> figures() throws Exception {
        Map<String, Long> figures = new HashMap<>();
        for (String field : as(null, null, "sec/mbean").body().split(" ")) {
            String[] pair = field.split("=");
            figures.put(pair[0], Long.parseLong(pair[1]));
        }
        return figures;
    }
}
