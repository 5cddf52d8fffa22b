package io.github.usersession;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.usersession.FakeServletContainer.Exchange;
import io.github.usersession.beans.Cart;
import io.github.usersession.beans.Recorder;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who owns a session: a sign-in renews the ID and keeps the beans, another user never gets them, a request without a
 * user changes nothing, and a user's sessions can be found and ended together.
 */
@EnableWeld
class PrincipalTest {

    static final String FORGED = "A".repeat(42) + "E";

    @WeldSetup
    WeldInitiator weld = Weld.withTestBeans();

    @Inject
    Cart cart;

    @Inject
    UserSessions sessions;

    FakeServletContainer server;

    @BeforeEach
    void clear() {
        Recorder.clear();
    }

    /** Deploys with the given settings; a Weld container can start the library once, so each test deploys once. */
    void deploy(Map<String, String> settings) {
        server = FakeServletContainer.deploy(settings);
    }

    void deploy() {
        deploy(Map.of());
    }

    @AfterEach
    void undeploy() {
        if (server != null) {
            server.undeploy();
        }
    }

    static String cookie(String id) {
        return "USERSESSION=" + id;
    }

    String anonymousSession(String item) throws Exception {
        return server.request().run(() -> cart.add(item)).issuedId();
    }

    Optional<String> principalOf(String id) throws Exception {
        @SuppressWarnings("unchecked")
        Optional<String>[] principal = new Optional[1];
        server.request(cookie(id)).run(() -> principal[0] = sessions.current().orElseThrow().principal());
        return principal[0];
    }

    @Test
    void signInRenewsTheIdAndKeepsTheBeans() throws Exception {
        deploy();
        String anonymous = anonymousSession("tea");
        Exchange signIn = server.request(cookie(anonymous)).as("alice").run(() -> cart.add("jam"));
        String renewed = signIn.issuedId();
        assertNotNull(renewed, "a sign-in renews the ID without any annotation");
        assertNotEquals(anonymous, renewed);
        assertEquals(1, signIn.setCookies.size(), signIn.setCookies.toString());
        server.request(cookie(renewed)).run(() -> assertEquals(List.of("tea", "jam"), cart.items()));
        assertEquals(1, Recorder.count("Cart created"));
        assertEquals(Optional.of("alice"), principalOf(renewed));
        assertNotEquals(anonymous, server.request(cookie(anonymous)).run(() -> cart.items()).issuedId(),
                "the ID from before the sign-in is dead");
    }

    @Test
    void signInWithoutUsingABeanStillRenewsAtTheEndOfTheRequest() throws Exception {
        deploy();
        String anonymous = anonymousSession("tea");
        String renewed = server.request(cookie(anonymous)).as("alice").run(() -> { }).issuedId();
        assertNotNull(renewed);
        assertNotEquals(anonymous, renewed);
        assertEquals(Optional.of("alice"), principalOf(renewed));
    }

    @Test
    void loginInTheMiddleOfTheRequestRenewsAtOnce() throws Exception {
        deploy();
        String anonymous = anonymousSession("tea");
        Exchange login = server.request(cookie(anonymous)).handle((request, response) -> {
            cart.add("jam");
            request.login("alice", "secret");
            assertNotNull(sessions.current().orElseThrow().principal().orElse(null), "bound at the login");
            response.flushBuffer();
        });
        assertNotNull(login.issuedId());
        assertEquals(Optional.of("alice"), principalOf(login.issuedId()));
    }

    @Test
    void loginAfterTheResponseCommittedLeavesTheSessionAsItWas() throws Exception {
        deploy();
        String anonymous = anonymousSession("tea");
        Exchange late = server.request(cookie(anonymous)).handle((request, response) -> {
            cart.add("jam");
            response.flushBuffer();
            request.login("alice", "secret");
        });
        assertEquals(List.of(), late.setCookies);
        assertEquals(Optional.empty(), principalOf(anonymous), "a new ID could not reach the client: no sign-in");
        assertEquals(List.of(), sessions.findByPrincipal("alice"));
    }

    @Test
    void userWhoAppearsWithoutTheWrapperIsBoundBeforeTheResponseCommits() throws Exception {
        deploy();
        String anonymous = anonymousSession("tea");
        Exchange exchange = server.request(cookie(anonymous));
        exchange.serve(response -> {
            cart.add("jam");
            exchange.principal = "alice"; // as SecurityContext.authenticate() does, on the server's own request
            response.getWriter().write("hello");
            exchange.committed = true;
        });
        assertNotNull(exchange.issuedId(), "the renewal was made before the first byte of the body");
        assertEquals(Optional.of("alice"), principalOf(exchange.issuedId()));
    }

    @Test
    void renewOnLoginOffKeepsTheIdAndStillRecordsTheUser() throws Exception {
        deploy(Map.of("usersession.renew-on-login", "false"));
        String anonymous = anonymousSession("tea");
        Exchange signIn = server.request(cookie(anonymous)).as("alice").run(() -> cart.add("jam"));
        assertEquals(List.of(), signIn.setCookies);
        assertEquals(Optional.of("alice"), principalOf(anonymous));
    }

    @Test
    void requestWithoutAUserChangesNothing() throws Exception {
        deploy();
        String id = server.request().as("alice").run(() -> cart.add("tea")).issuedId();
        Exchange anonymous = server.request(cookie(id)).run(() -> assertEquals(List.of("tea"), cart.items()));
        assertEquals(List.of(), anonymous.setCookies);
        assertEquals(Optional.of("alice"), principalOf(id));
    }

    @Test
    void anotherUserNeverGetsTheSessionsBeans() throws Exception {
        deploy();
        String alices = server.request().as("alice").run(() -> cart.add("alice's tea")).issuedId();
        Exchange bob = server.request(cookie(alices)).as("bob").run(() -> assertEquals(List.of(), cart.items()));
        assertNotNull(bob.issuedId());
        assertNotEquals(alices, bob.issuedId());
        assertEquals(Optional.of("bob"), principalOf(bob.issuedId()));
        assertEquals(List.of(), sessions.findByPrincipal("alice"));
        assertEquals(1, Recorder.count("Cart destroyed"), "alice's session ended");
        assertTrue(Recorder.events().stream().anyMatch(e -> e.startsWith("destroyed") && e.contains("LOGOUT")));
    }

    @Test
    void forgedIdNeverBecomesAUsersSession() throws Exception {
        deploy();
        Exchange exchange = server.request(cookie(FORGED)).as("alice").run(() -> cart.add("tea"));
        assertNotEquals(FORGED, exchange.issuedId());
        assertEquals(Optional.of("alice"), principalOf(exchange.issuedId()));
        assertEquals(1, sessions.findByPrincipal("alice").size());
    }

    @Test
    void renewedIdKeepsTheUser() throws Exception {
        deploy();
        String id = server.request().as("alice").run(() -> cart.add("tea")).issuedId();
        String renewed = server.request(cookie(id)).as("alice").run(sessions::renewId).issuedId();
        assertNotEquals(id, renewed);
        assertEquals(Optional.of("alice"), principalOf(renewed));
        assertEquals(1, sessions.findByPrincipal("alice").size());
    }

    @Test
    void endAllEndsEverySessionOfTheUserOnceAndNoOther() throws Exception {
        deploy();
        List<String> alices = List.of(anonymousSession("one"), anonymousSession("two"), anonymousSession("three"))
                .stream().map(id -> signIn(id, "alice")).toList();
        String bobs = signIn(anonymousSession("bob's"), "bob");
        assertEquals(3, sessions.findByPrincipal("alice").size());

        assertEquals(3, sessions.endAll("alice"));

        for (String id : alices) {
            Exchange dead = server.request(cookie(id)).as("alice").run(() -> assertEquals(List.of(), cart.items()));
            assertNotEquals(id, dead.issuedId());
        }
        assertEquals(3, Recorder.events().stream().filter(e -> e.startsWith("destroyed") && e.endsWith("REVOKED]"))
                .count(), Recorder.events().toString());
        assertEquals(3, Recorder.count("Cart destroyed"));
        server.request(cookie(bobs)).run(() -> assertEquals(List.of("bob's"), cart.items()));
        assertEquals(0, sessions.endAll("nobody"));
    }

    @Test
    void endAllFromTheUsersOwnRequestClearsItsCookie() throws Exception {
        deploy();
        String id = signIn(anonymousSession("tea"), "alice");
        Exchange exchange = server.request(cookie(id)).as("alice").run(() -> {
            cart.add("jam");
            assertEquals(1, sessions.endAll("alice"));
        });
        assertEquals(List.of("USERSESSION=; Max-Age=0; Path=/shop; HttpOnly; SameSite=Lax"), exchange.setCookies);
        assertFalse(sessions.findByPrincipal("alice").iterator().hasNext());
    }

    @Test
    void thirdSignInBeyondTheLimitEvictsTheOldestOtherNeverTheOneSigningIn() throws Exception {
        deploy(Map.of("usersession.max-sessions-per-principal", "2"));
        String oldest = anonymousSession("oldest");
        String middle = anonymousSession("middle");
        String newest = anonymousSession("newest");
        String second = signIn(middle, "alice");
        String third = signIn(newest, "alice");
        String first = signIn(oldest, "alice"); // the oldest session by creation signs in last

        assertEquals(2, sessions.findByPrincipal("alice").size());
        server.request(cookie(first)).run(() -> assertEquals(List.of("oldest"), cart.items()));
        server.request(cookie(third)).run(() -> assertEquals(List.of("newest"), cart.items()));
        assertNotNull(server.request(cookie(second)).run(() -> cart.items()).issuedId(), "evicted: a new session");
        assertEquals(1, Recorder.events().stream().filter(e -> e.startsWith("destroyed") && e.endsWith("EVICTED]"))
                .count(), Recorder.events().toString());
    }

    @Test
    void logoutEndsTheSession() throws Exception {
        deploy();
        String id = signIn(anonymousSession("tea"), "alice");
        Exchange logout = server.request(cookie(id)).as("alice").handle((request, response) -> request.logout());
        assertEquals(List.of("USERSESSION=; Max-Age=0; Path=/shop; HttpOnly; SameSite=Lax"), logout.setCookies);
        assertEquals(List.of(), sessions.findByPrincipal("alice"));
        assertEquals(1, Recorder.count("Cart destroyed"));
    }

    @Test
    void logoutKeepsTheSessionWhenEndOnLogoutIsOff() throws Exception {
        deploy(Map.of("usersession.end-on-logout", "false"));
        String id = signIn(anonymousSession("tea"), "alice");
        Exchange logout = server.request(cookie(id)).as("alice").handle((request, response) -> request.logout());
        assertEquals(List.of(), logout.setCookies);
        server.request(cookie(id)).run(() -> assertEquals(List.of("tea"), cart.items()));
    }

    /** Signs the user in on the session and returns its renewed ID. */
    String signIn(String id, String user) {
        try {
            String renewed = server.request(cookie(id)).as(user).run(() -> cart.items()).issuedId();
            assertNotNull(renewed);
            return renewed;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
