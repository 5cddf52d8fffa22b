package io.github.usersession.it;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import io.github.usersession.Race;
import io.github.usersession.it.app.CartResource;
import io.github.usersession.it.app.RestApplication;
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
 * The HTTP-visible rules of the scope with the default configuration, on a real server over real HTTP.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class UserSessionIT {

    static final String ID = "[A-Za-z0-9_-]{43}";

    @Deployment(testable = false)
    static WebArchive application() {
        return Deployments.servletApp("shop").addClasses(RestApplication.class, CartResource.class);
    }

    @ArquillianResource
    URL base;

    Http http;
    String path;

    @BeforeEach
    void client() {
        http = new Http(base);
        path = base.getPath().replaceAll("/$", "");
    }

    String newSession(String item) throws Exception {
        Reply reply = http.get("s/add?item=" + item);
        assertEquals(200, reply.status(), reply.body());
        assertNotNull(reply.issued(), reply.setCookies().toString());
        return reply.issued();
    }

    static String cookie(String id) {
        return "USERSESSION=" + id;
    }

    @Test
    void noCookieUntilABeanIsUsed() throws Exception {
        Reply reply = http.get("s/none");
        assertEquals("exists=false", reply.body());
        assertEquals(List.of(), reply.setCookies().stream().filter(c -> c.startsWith("USERSESSION")).toList());
    }

    @Test
    void firstUseSetsAHardenedBrowserSessionCookie() throws Exception {
        Reply reply = http.get("s/add?item=tea");
        List<String> ours = reply.setCookies().stream().filter(c -> c.startsWith("USERSESSION=")).toList();
        assertEquals(1, ours.size(), reply.setCookies().toString());
        String cookie = ours.get(0);
        assertTrue(cookie.matches("USERSESSION=" + ID + "; Path=" + path + "; HttpOnly; SameSite=Lax"), cookie);
        assertFalse(cookie.contains("Max-Age") || cookie.contains("Expires") || cookie.contains("Domain")
                || cookie.contains("Secure"), cookie);
    }

    @Test
    void stateIsKeptAcrossRequests() throws Exception {
        String id = newSession("tea");
        Reply second = http.get("s/add?item=milk", cookie(id));
        assertEquals("items=[tea, milk]", second.body());
        assertEquals(List.of(), second.setCookies());
        assertEquals("items=[tea, milk]", http.get("s/items", cookie(id)).body());
    }

    @Test
    void sessionsAreIsolated() throws Exception {
        String alice = newSession("alice-tea");
        String bob = newSession("bob-coffee");
        assertEquals("items=[alice-tea]", http.get("s/items", cookie(alice)).body());
        assertEquals("items=[bob-coffee]", http.get("s/items", cookie(bob)).body());
    }

    @Test
    void servletAndJaxRsShareTheSession() throws Exception {
        Reply rest = http.post("api/cart", "item=from-rest", null);
        assertEquals(200, rest.status(), rest.body());
        String id = rest.issued();
        assertNotNull(id, rest.setCookies().toString());
        assertEquals("items=[from-rest, from-servlet]", http.get("s/add?item=from-servlet", cookie(id)).body());
        assertEquals("items=[from-rest, from-servlet]", http.get("api/cart", cookie(id)).body());
    }

    @Test
    void forgedIdsAreNeverAdopted() throws Exception {
        String forged = "A".repeat(42) + "A";
        Reply reply = http.get("s/add?item=x", cookie(forged));
        assertEquals("items=[x]", reply.body());
        assertNotNull(reply.issued());
        assertNotEquals(forged, reply.issued());
    }

    @Test
    void malformedCookiesAreIgnoredWithoutA5xx() throws Exception {
        String live = newSession("kept");
        List<String> headers = List.of(cookie("A".repeat(10 * 1024)), cookie(""), "USERSESSION", "=;;;=",
                cookie("\"" + live + "\""), cookie(live + "x"), cookie(live.substring(1)), "usersession=" + live,
                cookie(live.replace(live.charAt(0), '%')));
        for (String header : headers) {
            Reply reply = http.get("s/items", header);
            System.out.println("malformed cookie " + header.substring(0, Math.min(40, header.length())) + " -> "
                    + reply.status());
            assertTrue(reply.status() < 500, header + " -> " + reply.status());
            if (reply.status() == 200) {
                assertEquals("items=[]", reply.body(), header);
                assertNotEquals(live, reply.issued(), header);
            }
        }
        byte[] prefix = "USERSESSION=".getBytes(ISO_8859_1);
        byte[] odd = Servers.oddCookieBytes();
        byte[] oddCookie = new byte[prefix.length + odd.length + 40];
        System.arraycopy(prefix, 0, oddCookie, 0, prefix.length);
        System.arraycopy(odd, 0, oddCookie, prefix.length, odd.length);
        System.arraycopy(live.getBytes(ISO_8859_1), 3, oddCookie, prefix.length + odd.length, 40);
        int status = http.getWithRawCookie("s/items", oddCookie);
        assertTrue(status < 500, "odd bytes -> " + status);
        assertEquals("items=[kept]", http.get("s/items", cookie(live)).body(), "the live session is untouched");
    }

    @Test
    void firstCookieNamingALiveSessionWinsAmongDuplicates() throws Exception {
        String live = newSession("live");
        String other = newSession("other");
        String dead = newSession("dead");
        http.get("s/logout", cookie(dead));
        Reply reply = http.get("s/items", "USERSESSION=junk; " + cookie(dead) + "; " + cookie(live) + "; "
                + cookie(other));
        assertEquals("items=[live]", reply.body());
        assertEquals(List.of(), reply.setCookies());
    }

    @Test
    void renewSessionIdIssuesANewIdKeepsTheBeansAndKillsTheOldId() throws Exception {
        String old = newSession("tea");
        Reply login = http.get("s/login?user=alice", cookie(old));
        assertEquals("user=alice", login.body());
        String renewed = login.issued();
        assertNotNull(renewed, login.setCookies().toString());
        assertNotEquals(old, renewed);
        assertTrue(http.get("s/whoami", cookie(renewed)).body().endsWith("user=alice"));
        assertEquals("items=[tea]", http.get("s/items", cookie(renewed)).body());
        Reply withOld = http.get("s/items", cookie(old));
        assertEquals("items=[]", withOld.body());
        assertNotEquals(old, withOld.issued());
    }

    @Test
    void logoutKillsTheIdAndClearsTheCookie() throws Exception {
        String id = newSession("tea");
        Reply logout = http.get("s/logout", cookie(id));
        assertEquals("ended=true items=[tea]", logout.body(), "the logout request still sees its beans");
        assertEquals(List.of("USERSESSION=; Max-Age=0; Path=" + path + "; HttpOnly; SameSite=Lax"),
                logout.setCookies());
        Reply after = http.get("s/items", cookie(id));
        assertEquals("items=[]", after.body());
        assertNotEquals(id, after.issued());
    }

    @Test
    void failingLogoutKeepsTheSession() throws Exception {
        String id = newSession("tea");
        Reply failed = http.get("s/failing-logout", cookie(id));
        assertEquals("failed exists=true", failed.body());
        assertEquals(List.of(), failed.setCookies());
        assertEquals("items=[tea]", http.get("s/items", cookie(id)).body());
    }

    @Test
    void lifecycleEventsSayWhyAndNeverCarryTheId() throws Exception {
        String id = newSession("tea");
        Reply whoami = http.get("s/whoami", cookie(id));
        String trace = whoami.field("trace");
        String cart = whoami.field("cart");
        http.get("s/logout", cookie(id));
        String lifecycle = http.get("s/lifecycle").body();
        List<String> lines = lifecycle.lines().toList();
        assertTrue(lines.contains("initialized " + trace), lifecycle);
        int before = lines.indexOf("before destroyed " + trace + " LOGOUT");
        int destroyed = lines.indexOf("cart destroyed " + cart);
        int after = lines.indexOf("destroyed " + trace + " LOGOUT");
        assertTrue(before >= 0 && before < destroyed && destroyed < after, lifecycle);
        assertFalse(lifecycle.contains(id), "no event carries the session ID");
    }

    @Test
    void fortyConcurrentClientsKeepTheirOwnState() throws Exception {
        int clients = 40;
        int requests = 5;
        List<Callable<String>> sessions = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String client = "c" + c;
            sessions.add(() -> {
                String id = newSession(client + "-0");
                List<String> expected = new ArrayList<>(List.of(client + "-0"));
                for (int r = 1; r < requests; r++) {
                    expected.add(client + "-" + r);
                    assertEquals("items=" + expected, http.get("s/add?item=" + client + "-" + r, cookie(id))
                            .body());
                }
                return id;
            });
        }
        Set<String> ids = new HashSet<>(Race.run(sessions, Duration.ofSeconds(120)));
        assertEquals(clients, ids.size());
    }

    @Test
    void racingFirstUsesGetOneInstanceAndPostConstructMayUseAnotherBean() throws Exception {
        String id = newSession("tea");
        String cart = http.get("s/whoami", cookie(id)).field("cart");
        Set<String> seen = new HashSet<>(Race.run(20, () -> http.get("s/slow", cookie(id)).body(),
                Duration.ofSeconds(60)));
        assertEquals(1, seen.size(), seen.toString());
        String slow = seen.iterator().next();
        assertTrue(slow.endsWith(" " + cart), slow + " was built with another session's cart than " + cart);
        String instance = slow.substring("slow=".length(), slow.indexOf(' '));
        assertEquals(1, http.get("s/lifecycle").body().lines().filter(("slow created " + instance)::equals)
                .count());
    }
}
