package io.github.usersession;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import io.github.usersession.FakeServletContainer.Exchange;
import io.github.usersession.beans.Account;
import io.github.usersession.beans.Cart;
import io.github.usersession.beans.Farewell;
import io.github.usersession.beans.LoginService;
import io.github.usersession.beans.Recorder;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every change of session reaches the client in the response of the request that made it, or does not happen; a
 * session is bound while it is destroyed; a logout beats a renewal it races.
 */
@EnableWeld
class SessionDeliveryTest {

    @WeldSetup
    WeldInitiator weld = Weld.withTestBeans();

    @Inject
    Cart cart;

    @Inject
    Account account;

    @Inject
    Farewell farewell;

    @Inject
    LoginService login;

    @Inject
    UserSessions sessions;

    FakeServletContainer server;

    @BeforeEach
    void deploy() {
        Recorder.clear();
        server = FakeServletContainer.deploy(Map.of("usersession.idle-timeout", "PT1S"));
    }

    @AfterEach
    void undeploy() {
        server.undeploy();
    }

    @Test
    void redirectInsideRenewSessionIdCarriesTheNewIdAndKillsTheOldOne() throws Exception {
        String old = server.request().run(() -> cart.add("tea")).issuedId();
        Exchange login = server.request("USERSESSION=" + old)
                .serve(response -> this.login.loginAndRedirect("alice", response));
        assertEquals(302, login.status);
        assertEquals(1, login.setCookies.size(), login.setCookies.toString());
        String renewed = login.issuedId();
        assertNotNull(renewed);
        assertNotEquals(old, renewed);
        server.request("USERSESSION=" + renewed).run(() -> assertEquals("alice", account.user()));
        Exchange withOld = server.request("USERSESSION=" + old).run(() -> assertNull(account.user()));
        assertNotEquals(old, withOld.issuedId());
    }

    @Test
    void redirectInsideLogoutClearsTheCookieAndEndsTheSession() throws Exception {
        String id = server.request().run(() -> cart.add("tea")).issuedId();
        Exchange logout = server.request("USERSESSION=" + id).serve(login::logoutAndRedirect);
        assertEquals(302, logout.status);
        assertEquals(List.of("USERSESSION=; Max-Age=0; Path=/shop; HttpOnly; SameSite=Lax"), logout.setCookies);
        assertEquals(1, Recorder.count("Cart destroyed"));
        assertEquals(0, sessions.count());
    }

    @Test
    void bodyBegunByALineSeparatorInsideLogoutClearsTheCookieBeforeTheCommit() throws Exception {
        String id = server.request().run(() -> cart.add("tea")).issuedId();
        Exchange logout = server.request("USERSESSION=" + id).serve(login::logoutAndPrintLine);
        assertTrue(logout.committed);
        assertEquals(List.of("USERSESSION=; Max-Age=0; Path=/shop; HttpOnly; SameSite=Lax"), logout.setCookies);
        assertEquals(0, sessions.count());
    }

    @Test
    void renewalThenLogoutInOneResponseSendsOnlyTheClearingCookie() throws Exception {
        String id = server.request().run(() -> cart.add("tea")).issuedId();
        Exchange exchange = server.request("USERSESSION=" + id).run(() -> {
            login.login("alice");
            login.logout();
        });
        assertEquals(List.of("USERSESSION=; Max-Age=0; Path=/shop; HttpOnly; SameSite=Lax"), exchange.setCookies);
    }

    @Test
    void sessionStartedByAFailingRequestWhoseErrorPageDropsTheCookieEndsAtOnce() throws Exception {
        Exchange failing = server.request();
        failing.resetOnError = true;
        assertThrows(IllegalStateException.class, () -> failing.run(() -> {
            cart.add("tea");
            throw new IllegalStateException("servlet fails after the session started");
        }));
        assertEquals(List.of(), failing.setCookies);
        assertEquals(0, sessions.count(), "no session that no client can name");
        assertEquals(1, Recorder.count("Cart destroyed"));
    }

    @Test
    void sessionStartedByAFailingRequestWhoseResponseKeepsTheCookieStays() throws Exception {
        Exchange failing = server.request();
        assertThrows(IllegalStateException.class, () -> failing.run(() -> {
            cart.add("tea");
            throw new IllegalStateException("servlet fails after the session started");
        }));
        assertEquals(1, sessions.count());
        server.request("USERSESSION=" + failing.issuedId()).run(() -> assertEquals(List.of("tea"), cart.items()));
    }

    @Test
    void resetByTheApplicationKeepsTheSessionCookie() throws Exception {
        Exchange exchange = server.request().serve(response -> {
            cart.add("tea");
            response.reset();
        });
        assertEquals(1, exchange.setCookies.size(), exchange.setCookies.toString());
        server.request("USERSESSION=" + exchange.issuedId()).run(() -> assertEquals(List.of("tea"), cart.items()));
    }

    @Test
    void renewalAfterCommitFailsClearlyAndKeepsTheId() throws Exception {
        String id = server.request().run(() -> cart.add("tea")).issuedId();
        Exchange late = server.request("USERSESSION=" + id).serve(response -> {
            response.flushBuffer();
            IllegalStateException failure = assertThrows(IllegalStateException.class, sessions::renewId);
            assertTrue(failure.getMessage().contains("committed"), failure.getMessage());
        });
        assertEquals(List.of(), late.setCookies);
        server.request("USERSESSION=" + id).run(() -> assertEquals(List.of("tea"), cart.items()));
    }

    @Test
    void logoutNamingAnIdRenewedMomentsAgoEndsItsSuccessor() throws Exception {
        String old = server.request().run(() -> cart.add("tea")).issuedId();
        String renewed = server.request("USERSESSION=" + old).run(() -> login.login("alice")).issuedId();
        // The logout was sent with the old cookie, together with the login: it arrives after the renewal.
        server.request("USERSESSION=" + old).run(login::logout);
        assertEquals(0, sessions.count());
        Exchange after = server.request("USERSESSION=" + renewed).run(() -> assertNull(account.user()));
        assertNotEquals(renewed, after.issuedId());
    }

    @Test
    void anIdRenewedMomentsAgoStillNeverServesARequest() throws Exception {
        String old = server.request().run(() -> cart.add("tea")).issuedId();
        server.request("USERSESSION=" + old).run(() -> login.login("alice"));
        server.request("USERSESSION=" + old).run(() -> {
            assertNull(account.user());
            assertEquals(List.of(), cart.items());
        });
    }

    @Test
    void preDestroyUsesTheSessionsOtherBeansOnLogout() throws Exception {
        String id = server.request().run(farewell::greet).issuedId();
        server.request("USERSESSION=" + id).run(login::logout);
        assertFarewellSaidOnceAndEverythingDestroyedOnce();
    }

    @Test
    void preDestroyUsesTheSessionsOtherBeansOnEnd() throws Exception {
        String id = server.request().run(farewell::greet).issuedId();
        server.request("USERSESSION=" + id).run(sessions::end);
        assertFarewellSaidOnceAndEverythingDestroyedOnce();
    }

    @Test
    void preDestroyUsesTheSessionsOtherBeansOnTimeout() throws Exception {
        server.request().run(farewell::greet);
        long deadline = System.currentTimeMillis() + 10_000;
        while (sessions.count() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertFarewellSaidOnceAndEverythingDestroyedOnce();
    }

    @Test
    void preDestroyUsesTheSessionsOtherBeansOnShutdown() throws Exception {
        server.request().run(farewell::greet);
        server.undeploy();
        assertFarewellSaidOnceAndEverythingDestroyedOnce();
    }

    private void assertFarewellSaidOnceAndEverythingDestroyedOnce() {
        List<String> events = Recorder.events();
        assertEquals(1, Recorder.count("Farewell destroyed"), events.toString());
        assertEquals(1, Recorder.count("audit: bye with [hello]"), events.toString());
        assertEquals(1, Recorder.count("Cart destroyed"), events.toString());
        assertEquals(1, Recorder.count("Audit destroyed"), "created during destruction, destroyed too: " + events);
        assertEquals(0, sessions.count(), "nothing re-created the session");
    }
}
