package io.github.usersession;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.usersession.FakeServletContainer.Exchange;
import io.github.usersession.beans.Account;
import io.github.usersession.beans.Cart;
import io.github.usersession.beans.LoginService;
import io.github.usersession.beans.Recorder;
import io.github.usersession.beans.SlowStart;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules a servlet request sees, through our initializer and filter in a fake container.
 */
@EnableWeld
class UserSessionRequestTest {

    @WeldSetup
    WeldInitiator weld = Weld.withTestBeans();

    @Inject
    Cart cart;

    @Inject
    Account account;

    @Inject
    SlowStart slowStart;

    @Inject
    LoginService login;

    @Inject
    UserSessions sessions;

    FakeServletContainer server;

    @BeforeEach
    void deploy() {
        Recorder.clear();
        server = FakeServletContainer.deploy();
    }

    @AfterEach
    void undeploy() {
        server.undeploy();
    }

    @Test
    void noSessionAndNoCookieUntilABeanIsUsed() throws Exception {
        Exchange exchange = server.request().run(() -> assertFalse(sessions.exists()));
        assertEquals(List.of(), exchange.setCookies);
        assertEquals(0, sessions.count());
    }

    @Test
    void firstUseIssuesAHardenedBrowserSessionCookie() throws Exception {
        Exchange exchange = server.request().run(() -> cart.add("tea"));
        assertEquals(1, exchange.setCookies.size());
        String cookie = exchange.setCookies.get(0);
        String id = exchange.issuedId();
        assertEquals("USERSESSION=" + id + "; Path=/shop; HttpOnly; SameSite=Lax", cookie);
        assertFalse(cookie.contains("Max-Age") || cookie.contains("Expires") || cookie.contains("Domain"));
    }

    @Test
    void idsAre256RandomBitsInBase64Url() throws Exception {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String id = server.request().run(() -> cart.add("tea")).issuedId();
            assertEquals(43, id.length());
            assertEquals(32, Base64.getUrlDecoder().decode(id).length);
            ids.add(id);
        }
        assertEquals(50, ids.size());
    }

    @Test
    void secureRequestsGetSecureCookies() throws Exception {
        Exchange exchange = server.request().secure().run(() -> cart.add("tea"));
        assertTrue(exchange.setCookies.get(0).contains("; Secure"));
    }

    @Test
    void stateIsKeptAcrossRequests() throws Exception {
        String id = server.request().run(() -> cart.add("tea")).issuedId();
        Exchange second = server.request("USERSESSION=" + id).run(() -> {
            cart.add("milk");
            assertEquals(List.of("tea", "milk"), cart.items());
        });
        assertEquals(List.of(), second.setCookies, "a known session is not issued again");
        assertEquals(1, Recorder.count("Cart created"));
    }

    @Test
    void forgedIdIsNeverAdopted() throws Exception {
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
        Exchange exchange = server.request("USERSESSION=" + forged).run(() -> cart.add("tea"));
        assertNotNull(exchange.issuedId());
        assertNotEquals(forged, exchange.issuedId());
    }

    @Test
    void malformedCookiesAreIgnoredWithoutFailing() throws Exception {
        String id = server.request().run(() -> cart.add("tea")).issuedId();
        List<String> garbage = List.of("USERSESSION=" + "A".repeat(10 * 1024), "USERSESSION=\u0000\u00ff\ud83d\ude00",
                "USERSESSION=", "USERSESSION", "=;;;=", "USERSESSION=\"" + id + "\"", "USERSESSION=" + id + "x",
                "USERSESSION=" + id.substring(1), "usersession=" + id, "USERSESSIONX=" + id);
        for (String header : garbage) {
            Exchange exchange = server.request(header).run(() -> assertEquals(List.of(), cart.items(), header));
            assertNotEquals(id, exchange.issuedId(), header);
            assertNotNull(exchange.issuedId(), header);
        }
    }

    @Test
    void firstCookieNamingALiveSessionWins() throws Exception {
        String live = server.request().run(() -> cart.add("live")).issuedId();
        String other = server.request().run(() -> cart.add("other")).issuedId();
        String dead = server.request().run(() -> cart.add("dead")).issuedId();
        server.request("USERSESSION=" + dead).run(login::logout);
        Exchange exchange = server.request("USERSESSION=junk; USERSESSION=" + dead, "USERSESSION=" + live
                + "; USERSESSION=" + other).run(() -> assertEquals(List.of("live"), cart.items()));
        assertEquals(List.of(), exchange.setCookies);
    }

    @Test
    void logoutKillsTheIdClearsTheCookieAndDestroysAtRequestEnd() throws Exception {
        String id = server.request().run(() -> cart.add("tea")).issuedId();
        Exchange logout = server.request("USERSESSION=" + id).run(() -> {
            login.logout();
            assertEquals(0, Recorder.count("Cart destroyed"));
        });
        assertEquals(1, Recorder.count("Cart destroyed"));
        assertEquals(List.of("USERSESSION=; Max-Age=0; Path=/shop; HttpOnly; SameSite=Lax"), logout.setCookies);
        Exchange after = server.request("USERSESSION=" + id).run(() -> assertEquals(List.of(), cart.items()));
        assertNotEquals(id, after.issuedId());
    }

    @Test
    void failingLogoutKeepsTheSession() throws Exception {
        String id = server.request().run(() -> cart.add("tea")).issuedId();
        Exchange failed = server.request("USERSESSION=" + id)
                .run(() -> assertThrows(IllegalStateException.class, login::failingLogout));
        assertEquals(List.of(), failed.setCookies);
        server.request("USERSESSION=" + id).run(() -> assertEquals(List.of("tea"), cart.items()));
    }

    @Test
    void renewSessionIdIssuesANewIdKeepsTheBeansAndKillsTheOldId() throws Exception {
        String old = server.request().run(() -> cart.add("tea")).issuedId();
        Exchange renewal = server.request("USERSESSION=" + old).run(() -> login.login("alice"));
        String renewed = renewal.issuedId();
        assertNotNull(renewed);
        assertNotEquals(old, renewed);
        server.request("USERSESSION=" + renewed).run(() -> {
            assertEquals(List.of("tea"), cart.items());
            assertEquals("alice", account.user());
        });
        Exchange withOld = server.request("USERSESSION=" + old).run(() -> assertEquals(List.of(), cart.items()));
        assertNotEquals(old, withOld.issuedId());
        assertEquals(0, Recorder.count("Cart destroyed"));
    }

    @Test
    void loginInTheRequestThatStartsTheSessionSendsOneCookie() throws Exception {
        Exchange exchange = server.request().run(() -> login.login("alice"));
        assertEquals(1, exchange.setCookies.size(), exchange.setCookies.toString());
        server.request("USERSESSION=" + exchange.issuedId()).run(() -> assertEquals("alice", account.user()));
    }

    @Test
    void laterDispatchOfTheRequestFindsASessionItsCookieDoesNotName() throws Exception {
        Exchange created = server.request().run(() -> cart.add("tea"));
        // Running the same exchange again is what an error or async dispatch does: a new binding, same request.
        created.run(() -> assertEquals(List.of("tea"), cart.items()));
        assertEquals(1, created.setCookies.size(), created.setCookies.toString());

        Exchange renewed = server.request("USERSESSION=" + created.issuedId()).run(() -> login.login("bob"));
        renewed.run(() -> assertEquals("bob", account.user()));
        assertEquals(1, renewed.setCookies.size(), renewed.setCookies.toString());
    }

    @Test
    void failingLoginKeepsTheId() throws Exception {
        String id = server.request().run(() -> cart.add("tea")).issuedId();
        Exchange failed = server.request("USERSESSION=" + id)
                .run(() -> assertThrows(IllegalArgumentException.class, () -> login.failingLogin("eve")));
        assertEquals(List.of(), failed.setCookies);
        server.request("USERSESSION=" + id).run(() -> assertEquals(List.of("tea"), cart.items()));
    }

    @Test
    void requestThreadIsUnboundAfterTheRequestEvenWhenItFails() throws Exception {
        assertThrows(IllegalStateException.class, () -> server.request().run(() -> {
            cart.add("tea");
            throw new IllegalStateException("servlet fails");
        }));
        assertFalse(sessions.isActive());
        server.request().run(() -> assertTrue(sessions.isActive()));
        assertFalse(sessions.isActive());
    }

    @Test
    void noSessionStartsOnceTheResponseIsCommitted() throws Exception {
        Exchange exchange = server.request();
        exchange.committed = true;
        assertThrows(IllegalStateException.class, () -> exchange.run(() -> cart.add("tea")));
        assertEquals(0, sessions.count());
    }

    @Test
    void concurrentRequestsOfOneSessionShareOneInstance() throws Exception {
        String id = server.request().run(() -> cart.add("tea")).issuedId();
        Set<String> instances = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<Exchange> exchanges = Race.run(16,
                () -> server.request("USERSESSION=" + id).run(() -> instances.add(slowStart.instance())),
                Duration.ofSeconds(10));
        for (Exchange exchange : exchanges) {
            assertEquals(List.of(), exchange.setCookies);
        }
        assertEquals(1, instances.size());
        assertEquals(1, Recorder.count("SlowStart created"));
    }

    @Test
    void undeployDestroysEveryLiveSession() throws Exception {
        server.request().run(() -> cart.add("tea"));
        server.request().run(() -> cart.add("milk"));
        server.undeploy();
        assertEquals(2, Recorder.count("Cart destroyed"));
        assertEquals(2, Recorder.events().stream().filter(e -> e.startsWith("destroyed ") && e.contains("SHUTDOWN"))
                .count());
        assertEquals(0, sessions.count());
    }

    @Test
    void lifecycleEventsSayWhyAndNeverCarryTheId() throws Exception {
        String id = server.request().run(() -> cart.add("tea")).issuedId();
        server.request("USERSESSION=" + id).run(login::logout);
        List<String> events = Recorder.events().stream().filter(e -> !e.startsWith("Cart") && !e.startsWith("Pricing")
                && !e.startsWith("logout")).toList();
        assertEquals(3, events.size(), events.toString());
        String trace = events.get(0).substring("initialized ".length());
        assertEquals("before destroyed " + trace + " LOGOUT cart [tea]", events.get(1));
        assertTrue(events.get(2).startsWith("destroyed " + trace + " LOGOUT"), events.get(2));
        for (String event : Recorder.events()) {
            assertFalse(event.contains(id), event);
        }
    }
}
