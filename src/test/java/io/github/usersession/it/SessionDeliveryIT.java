package io.github.usersession.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import io.github.usersession.Race;
import io.github.usersession.it.app.delivery.Member;
import io.github.usersession.it.app.delivery.ShownFailure;
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
 * Issue 9, parts 1 and 3: a create, renew or end either reaches the client in that very response (once, with the
 * attributes of the first cookie) or does not happen and the caller gets a clear exception; no session is left that
 * no client can name, no login state stays on a dead or fixed ID, and logging out always logs out.
 * Each test prints what the server answered, and what {@code ProbeFilter} saw inside it, so that a run shows how
 * each server behaves.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class SessionDeliveryIT {

    static final String ERROR_PAGE = "  <error-page><exception-type>" + ShownFailure.class.getName()
            + "</exception-type><location>/d/error</location></error-page>\n";

    @Deployment(testable = false)
    static WebArchive application() {
        return Deployments.war("delivery").addPackage(Member.class.getPackage())
                .setWebXML(Deployments.webXml(Map.of(), ERROR_PAGE));
    }

    @ArquillianResource
    URL base;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(base);
    }

    @Test
    void redirectInsideRenewSessionIdCarriesTheNewCookieAndKillsTheOldId() throws Exception {
        Session old = Session.start(http, null);
        String probe = UUID.randomUUID().toString();
        Reply login = http.post("d/login?user=alice&commit=redirect&probe=" + probe, "", old.cookie());
        show("login that redirects inside @RenewSessionId", login);
        showProbe(probe);
        String renewed = login.issued();
        assertAll(
                () -> assertEquals(302, login.status(), "redirect-after-POST login needs no special care"),
                () -> assertEquals(1, ours(login).size(), "exactly one Set-Cookie: " + ours(login)),
                () -> assertNotNull(renewed, "the 302 carries the new ID"),
                () -> assertNotEquals(old.id(), renewed, "a new ID"),
                () -> assertEquals(old.attributes(), attributes(login), "the attributes of the first cookie"),
                () -> assertEquals("exists=false", whoami(old.id()), "the old ID is dead"),
                () -> assertTrue(renewed != null && carries(renewed, "alice"), "the new ID carries the user: "
                        + (renewed == null ? "no new ID" : whoami(renewed))));
    }

    @Test
    void flushBufferInsideRenewSessionIdDeliversTheNewIdOrLeavesNoLoginOnTheOldId() throws Exception {
        assertCommittedLoginDeliversOrLeavesNoLogin("flush");
    }

    @Test
    void flushedBodyInsideRenewSessionIdDeliversTheNewIdOrLeavesNoLoginOnTheOldId() throws Exception {
        assertCommittedLoginDeliversOrLeavesNoLogin("write");
    }

    /**
     * The body is on its way before the interceptor runs. The rule allows two outcomes: the response carries the new
     * ID, or the caller gets an exception; but never is the user left signed in on the ID the attacker may know.
     */
    void assertCommittedLoginDeliversOrLeavesNoLogin(String commit) throws Exception {
        Session old = Session.start(http, null);
        String probe = UUID.randomUUID().toString();
        Reply login = http.post("d/login?user=bob&commit=" + commit + "&probe=" + probe, "", old.cookie());
        show("login that commits (" + commit + ") inside @RenewSessionId", login);
        showProbe(probe);
        String renewed = login.issued();
        if (renewed != null) {
            assertAll(
                    () -> assertEquals(1, ours(login).size(), "exactly one Set-Cookie: " + ours(login)),
                    () -> assertEquals(old.attributes(), attributes(login), "the attributes of the first cookie"),
                    () -> assertEquals("exists=false", whoami(old.id()), "the old ID is dead"),
                    () -> assertTrue(carries(renewed, "bob"), "the new ID carries the user: " + whoami(renewed)));
        } else {
            assertAll(
                    () -> assertTrue(login.body().contains("failed="), "no new ID, so the caller is told: "
                            + login.body()),
                    () -> assertFalse(carries(old.id(), "bob"), "no new ID, so no login on the old one: "
                            + whoami(old.id())));
        }
    }

    @Test
    void redirectInsideLogoutClearsTheCookieAndEndsTheSession() throws Exception {
        Session session = Session.start(http, "carol");
        int before = count();
        String probe = UUID.randomUUID().toString();
        Reply logout = http.post("d/logout?commit=redirect&probe=" + probe, "", session.cookie());
        show("logout that redirects inside @Logout", logout);
        showProbe(probe);
        awaitRecorded("member destroyed " + session.member());
        assertAll(
                () -> assertEquals(302, logout.status(), "redirect-after-POST logout needs no special care"),
                () -> assertEquals(List.of("USERSESSION=; Max-Age=0" + session.attributes()), ours(logout),
                        "the 302 clears the cookie"),
                () -> assertEquals("exists=false", whoami(session.id()), "the ID is dead"),
                () -> assertEquals(1, recorded("member destroying " + session.member()), "@PreDestroy ran once"),
                () -> assertEquals(before - 1, count(), "the session is gone"));
    }

    @Test
    void sessionStartedByARequestThatThrowsReachesTheClientOrDoesNotRemain() throws Exception {
        assertNoOrphan("d/throw");
    }

    @Test
    void sessionStartedByARequestThatThrowsToAnErrorPageReachesTheClientOrDoesNotRemain() throws Exception {
        assertNoOrphan("d/throw-to-error-page");
    }

    /** Either outcome keeps the rule: the error response names a live session, or no session was left behind. */
    void assertNoOrphan(String path) throws Exception {
        int before = count();
        String probe = UUID.randomUUID().toString();
        Reply failed = http.get(path + "?probe=" + probe);
        show(path, failed);
        showProbe(probe);
        int after = count();
        String issued = failed.issued();
        if (issued == null) {
            assertEquals(before, after, "the " + failed.status() + " named no session, so none may remain");
        } else {
            assertAll(
                    () -> assertEquals(1, ours(failed).size(), "exactly one Set-Cookie: " + ours(failed)),
                    () -> assertTrue(whoami(issued).startsWith("exists=true"), "the cookie names a live session"),
                    () -> assertEquals(before + 1, after, "one session, the one the cookie names"));
        }
    }

    @Test
    void sessionFirstUsedInsideAnIncludeReachesTheClientOrDoesNotRemain() throws Exception {
        int before = count();
        int named = 0;
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String probe = UUID.randomUUID().toString();
            Reply reply = http.get("d/outer?probe=" + probe);
            if (i == 0) {
                show("first use inside an include", reply);
                showProbe(probe);
            }
            String issued = reply.issued();
            if (ours(reply).size() > 1) {
                problems.add("more than one Set-Cookie: " + ours(reply));
            }
            if (issued != null) {
                named++;
                if (!whoami(issued).startsWith("exists=true")) {
                    problems.add("a cookie that names no live session: " + reply.setCookies());
                }
            }
        }
        int cookies = named;
        int after = count();
        System.out.println("include: 10 requests, " + cookies + " cookies, " + (after - before) + " new sessions");
        assertAll(
                () -> assertEquals(List.of(), problems),
                () -> assertEquals(before + cookies, after, "every session left is named by a cookie a client got: "
                        + cookies + " cookies, " + (after - before) + " new sessions"));
    }

    @Test
    void firstUseAfterTheResponseIsCommittedFailsClearlyAndStartsNoSession() throws Exception {
        int before = count();
        Reply reply = http.get("d/commit-then-use");
        show("first use after commit", reply);
        assertAll(
                () -> assertTrue(reply.body().contains("failed=java.lang.IllegalStateException"), reply.body()),
                () -> assertEquals(List.of(), ours(reply)),
                () -> assertEquals(before, count(), "no session that no cookie names"));
    }

    @Test
    void logoutNamingAnIdRenewedMomentsAgoEndsItsSuccessorSoLogoutAlwaysLogsOut() throws Exception {
        int rounds = 30;
        List<String> failures = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            String user = "racer" + round;
            Session session = Session.start(http, user);
            // The renewal renews 100 ms after it starts; the logout leaves 0 to 200 ms after it, so some rounds end
            // the session before its renewal and others name the ID that the renewal has just killed: a double
            // click on "log in" then "log out", or two tabs.
            long delay = (round % 6) * 40L;
            List<Callable<Reply>> both = List.of(
                    () -> http.post("d/renew?sleep=100", "", session.cookie()),
                    () -> {
                        Thread.sleep(delay);
                        return http.post("d/logout", "", session.cookie());
                    });
            List<Reply> replies = Race.run(both, Duration.ofSeconds(60));
            String renewed = replies.get(0).issued();
            String onOld = whoami(session.id());
            String onRenewed = renewed == null ? "no renewed ID" : whoami(renewed);
            if (carries(session.id(), user) || renewed != null && carries(renewed, user)) {
                failures.add("round " + round + ", logout " + delay + " ms after: old ID -> " + onOld
                        + "; renewed ID -> " + onRenewed + "; renewal answered " + replies.get(0).body()
                        + ", logout answered " + replies.get(1).body() + " " + ours(replies.get(1)));
            }
            if (renewed != null) {
                http.get("d/logout", "USERSESSION=" + renewed);
            }
        }
        System.out.println("logout racing renewal: " + failures.size() + " of " + rounds
                + " rounds left the user signed in");
        failures.forEach(System.out::println);
        assertEquals(List.of(), failures, failures.size() + " of " + rounds + " logouts left the user signed in");
    }

    /** A session started by a first request, with the cookie that issued it. */
    record Session(String id, String setCookie, String member) {

        static Session start(Http http, String user) throws Exception {
            Reply reply = http.get("d/start" + (user == null ? "" : "?user=" + user));
            assertEquals(200, reply.status(), reply.body());
            assertEquals(1, ours(reply).size(), reply.setCookies().toString());
            return new Session(reply.issued(), ours(reply).get(0), reply.field("member"));
        }

        String cookie() {
            return "USERSESSION=" + id;
        }

        /** The first cookie's attributes: everything after its value. */
        String attributes() {
            return setCookie.substring(setCookie.indexOf(';'));
        }
    }

    static List<String> ours(Reply reply) {
        return reply.setCookies().stream().filter(cookie -> cookie.startsWith("USERSESSION=")).toList();
    }

    static String attributes(Reply reply) {
        List<String> cookies = ours(reply);
        return cookies.isEmpty() || cookies.get(0).indexOf(';') < 0 ? null
                : cookies.get(0).substring(cookies.get(0).indexOf(';'));
    }

    String whoami(String id) throws Exception {
        return http.get("d/whoami", "USERSESSION=" + id).body();
    }

    boolean carries(String id, String user) throws Exception {
        return whoami(id).startsWith("exists=true user=" + user + " ");
    }

    int count() throws Exception {
        return Integer.parseInt(http.get("d/count").field("count"));
    }

    List<String> recorder() throws Exception {
        return http.get("d/recorder").body().lines().toList();
    }

    long recorded(String line) throws Exception {
        return recorder().stream().filter(line::equals).count();
    }

    /** The library destroys an ended session's beans when its last request lets go: just after the response. */
    void awaitRecorded(String line) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (recorded(line) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    static void show(String what, Reply reply) {
        String body = reply.body().length() > 300 ? reply.body().substring(0, 300) + "..." : reply.body();
        StringBuilder probes = new StringBuilder();
        for (String header : List.of("X-Error-Page", "X-After-Commit")) {
            if (reply.header(header) != null) {
                probes.append(' ').append(header).append('=').append(reply.header(header));
            }
        }
        System.out.println(what + ": " + reply.status() + " Location=" + reply.header("Location") + " Set-Cookie="
                + reply.setCookies() + probes + " body=" + body.replace('\n', '|'));
    }

    void showProbe(String probe) throws Exception {
        // A redirect or a flush sends the response before the request's thread is done: wait for its last line.
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (recorder().stream().noneMatch(line -> line.startsWith("probe " + probe + " REQUEST out"))
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        recorder().stream().filter(line -> line.startsWith("probe " + probe + " "))
                .forEach(line -> System.out.println("  " + line.replace(probe + " ", "")));
    }
}
