package io.github.usersession.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.Map;

import io.github.usersession.it.app.delivery.Member;
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
 * Issue 9, part 2: while a session is destroyed it is bound, so a {@code @PreDestroy} can use the session's other
 * beans; every instance, one first created during the destruction included, is destroyed exactly once, and nothing
 * re-creates the session. On each end path that a client can reach: {@code @Logout}, {@code UserSessions.end()} and
 * the reaper (the idle timeout is 2 s here).
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class SessionDestructionIT {

    @Deployment(testable = false)
    static WebArchive application() {
        return Deployments.war("destruction").addPackage(Member.class.getPackage())
                .setWebXML(Deployments.webXml(Map.of("usersession.idle-timeout", "PT2S")));
    }

    @ArquillianResource
    URL base;

    Http http;

    @BeforeEach
    void client() throws Exception {
        http = new Http(base);
        // With a 2 s idle timeout, a session left by an earlier test could expire in the middle of this one and
        // change the count it compares; the reaper ends each within about 4 s.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (count() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(0, count(), "no session left by an earlier test");
    }

    @Test
    void preDestroyOnLogoutUsesTheSessionsOtherBeansAndEveryInstanceIsDestroyedOnce() throws Exception {
        Started started = start();
        Reply logout = http.get("d/logout", started.cookie());
        System.out.println("logout: " + logout.status() + " Set-Cookie=" + logout.setCookies());
        assertDestroyedOnceWithItsBeans(started, logout);
    }

    @Test
    void preDestroyOnUserSessionsEndUsesTheSessionsOtherBeansAndEveryInstanceIsDestroyedOnce() throws Exception {
        Started started = start();
        Reply end = http.get("d/end", started.cookie());
        System.out.println("end(): " + end.status() + " Set-Cookie=" + end.setCookies());
        assertDestroyedOnceWithItsBeans(started, end);
    }

    @Test
    void preDestroyOnIdleTimeoutUsesTheSessionsOtherBeansAndEveryInstanceIsDestroyedOnce() throws Exception {
        Started started = start();
        // No request carries the cookie from here on: only the reaper can end the session.
        assertDestroyedOnceWithItsBeans(started, null);
    }

    /** A session whose member was created before its audit, so that the member is destroyed first. */
    record Started(String id, String attributes, String member, String audit) {

        String cookie() {
            return "USERSESSION=" + id;
        }
    }

    Started start() throws Exception {
        Reply reply = http.get("d/start?user=dora");
        assertEquals(200, reply.status(), reply.body());
        String cookie = reply.setCookies().get(0);
        return new Started(reply.issued(), cookie.substring(cookie.indexOf(';')), reply.field("member"),
                reply.field("audit"));
    }

    void assertDestroyedOnceWithItsBeans(Started session, Reply ending) throws Exception {
        String member = session.member();
        awaitRecorded("member destroyed " + member);
        // A second destruction would come at once; give it the time to show.
        Thread.sleep(500);
        List<String> recorded = recorder();
        String usedAudit = recorded.stream().filter(line -> line.startsWith("member " + member + " used audit "))
                .map(line -> line.split(" ")[4]).findFirst().orElse("none");
        String late = recorded.stream().filter(line -> line.startsWith("late noted ") && line.endsWith(" by " + member))
                .map(line -> line.split(" ")[2]).findFirst().orElse("none");
        recorded.stream().filter(line -> line.contains(member) || line.contains(session.audit())
                || line.contains(usedAudit) || line.contains(late)).forEach(line -> System.out.println("  " + line));
        assertAll(
                () -> assertEquals(1, occurrences(recorded, "member destroying " + member), "@PreDestroy ran once"),
                () -> assertEquals(List.of(), recorded.stream().filter(line -> line.startsWith("member failed "
                        + member)).toList(), "the @PreDestroy could use the session's other beans"),
                () -> assertEquals(1, destructions(recorded, "audit destroyed " + session.audit() + " "),
                        "the audit the session had is destroyed once"),
                // Beans go oldest first today, so this is that same audit; were it re-created, it must go too.
                () -> assertEquals(1, recorded.stream().filter(line -> line.startsWith("audit destroyed " + usedAudit
                        + " ") && line.endsWith("bye]")).count(),
                        "the audit the @PreDestroy wrote to (" + usedAudit + ") is destroyed once, after it"),
                () -> assertEquals(1, occurrences(recorded, "late created " + late),
                        "the bean first used during destruction was created once: " + late),
                () -> assertEquals(1, occurrences(recorded, "late destroyed " + late),
                        "and destroyed once, so it does not outlive the session"),
                () -> assertEquals(0, count(), "nothing re-created the session"),
                () -> assertEquals("exists=false", http.get("d/whoami", session.cookie()).body()),
                () -> assertEquals(ending == null ? null : List.of("USERSESSION=; Max-Age=0" + session.attributes()),
                        ending == null ? null : ending.setCookies(), "the ending response only clears the cookie"));
    }

    int count() throws Exception {
        return Integer.parseInt(http.get("d/count").field("count"));
    }

    List<String> recorder() throws Exception {
        return http.get("d/recorder").body().lines().toList();
    }

    static long destructions(List<String> lines, String prefix) {
        return lines.stream().filter(line -> line.startsWith(prefix)).count();
    }

    static long occurrences(List<String> lines, String line) {
        return lines.stream().filter(line::equals).count();
    }

    /** Waits at most 10 s for the line: the reaper's pass comes within about 4 s of the last use. */
    void awaitRecorded(String line) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!recorder().contains(line) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }
}
