package io.github.usersession.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URL;
import java.util.List;
import java.util.Map;

import io.github.usersession.it.app.security.BasicLogin;
import io.github.usersession.it.app.security.RejectionCounter;
import io.github.usersession.it.app.security.SecurityServlet;
import io.github.usersession.it.app.security.TestUsers;
import io.github.usersession.it.support.Deployments;
import io.github.usersession.it.support.Http;
import io.github.usersession.it.support.Http.Reply;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * API clients that keep no cookies: the ID travels in {@code X-User-Session} both ways, the cookie is off, and each
 * user may hold two sessions; the clients sign in with HTTP Basic through Jakarta Security.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class ApiClientIT {

    static final String HEADER = "X-User-Session";

    @Deployment(testable = false)
    static WebArchive application() {
        return Deployments.servletApp("api")
                .addClasses(BasicLogin.class, TestUsers.class, RejectionCounter.class, SecurityServlet.class)
                .setWebXML(Deployments.webXml(Map.of("usersession.header.name", HEADER,
                        "usersession.cookie.enabled", "false", "usersession.max-sessions-per-principal", "2")));
    }

    @ArquillianResource
    URL base;

    Http http;

    @BeforeEach
    void client() throws Exception {
        http = new Http(base);
        for (String user : List.of("alice", "bob")) {
            http.get("sec/end-all?user=" + user);
        }
    }

    /** A request as the user (null: anonymous) naming the session ID in the header (null: no header). */
    Reply as(String user, String id, String path) throws Exception {
        Reply reply = http.getAs(path, user, "secret-" + user, HEADER, id);
        assertEquals(List.of(), reply.setCookies(), "the cookie is off");
        return reply;
    }

    @Test
    void theHeaderCarriesTheIdBothWaysForAClientWithoutCookies() throws Exception {
        Reply first = as(null, null, "sec/add?item=tea");
        String id = first.header(HEADER);
        assertNotNull(id, first.headers().toString());
        assertEquals("tea", as(null, id, "sec/whoami").field("items"));
        assertNull(as(null, id, "sec/whoami").header(HEADER), "no change, no header");

        Reply signIn = as("alice", id, "sec/add?item=jam");
        String renewed = signIn.header(HEADER);
        assertNotNull(renewed, "the sign-in renews the ID in the header");
        assertNotEquals(id, renewed);
        assertEquals("tea,jam", as(null, renewed, "sec/whoami").field("items"));
        assertEquals("exists=false", as(null, id, "sec/exists").body(), "the old ID is dead");

        Reply logout = as("alice", renewed, "sec/logout");
        assertEquals("", logout.header(HEADER), "an ended session is an empty value");
        assertEquals("exists=false", as(null, renewed, "sec/exists").body());
    }

    @Test
    void strictModeAppliesToTheHeader() throws Exception {
        String forged = "A".repeat(42) + "E";
        Reply reply = as(null, forged, "sec/add?item=tea");
        assertNotEquals(forged, reply.header(HEADER));
        assertNotNull(reply.header(HEADER));
        Reply garbage = as(null, "not-an-id", "sec/whoami");
        assertEquals(200, garbage.status());
    }

    @Test
    void aThirdSignInEvictsTheOldestSessionNeverTheOneSigningIn() throws Exception {
        String oldest = as(null, null, "sec/add?item=oldest").header(HEADER);
        String middle = as(null, null, "sec/add?item=middle").header(HEADER);
        String newest = as(null, null, "sec/add?item=newest").header(HEADER);
        String second = as("alice", middle, "sec/whoami").header(HEADER);
        String third = as("alice", newest, "sec/whoami").header(HEADER);
        String first = as("alice", oldest, "sec/whoami").header(HEADER); // the oldest by creation signs in last
        assertNotNull(first);
        assertEquals("sessions=2", as(null, null, "sec/find?user=alice").body());
        assertEquals("oldest", as(null, first, "sec/whoami").field("items"));
        assertEquals("newest", as(null, third, "sec/whoami").field("items"));
        assertEquals("exists=false", as(null, second, "sec/exists").body(), "the oldest other session was evicted");
        List<String> lifecycle = as(null, null, "sec/lifecycle").body().lines().toList();
        assertEquals(1, lifecycle.stream().filter(line -> line.startsWith("destroyed ") && line.endsWith(" EVICTED"))
                .count(), lifecycle.toString());
    }
}
