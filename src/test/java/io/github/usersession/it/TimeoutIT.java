package io.github.usersession.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.Map;

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
 * Idle and absolute timeouts, configured short in web.xml, and the reaper that destroys with no traffic.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class TimeoutIT {

    @Deployment(testable = false)
    static WebArchive application() {
        return Deployments.servletApp("timeouts")
                .setWebXML(Deployments.webXml(Map.of("usersession.idle-timeout", "PT2S",
                        "usersession.absolute-timeout", "PT6S")));
    }

    @ArquillianResource
    URL base;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(base);
    }

    String newSession() throws Exception {
        Reply reply = http.get("s/add?item=tea");
        assertNotNull(reply.issued(), reply.setCookies().toString());
        return reply.issued();
    }

    @Test
    void idleSessionIsNotServedAfterTheIdleTimeout() throws Exception {
        String id = newSession();
        Thread.sleep(2_500);
        Reply after = http.get("s/items", "USERSESSION=" + id);
        assertEquals("items=[]", after.body());
        assertNotEquals(id, after.issued());
    }

    @Test
    void useKeepsASessionAliveUntilTheAbsoluteTimeout() throws Exception {
        long start = System.nanoTime();
        String id = newSession();
        while (System.nanoTime() - start < 4_000_000_000L) {
            Thread.sleep(1_000);
            Reply reply = http.get("s/items", "USERSESSION=" + id);
            assertEquals("items=[tea]", reply.body(), "alive before the absolute timeout");
            assertEquals(List.of(), reply.setCookies());
        }
        while (System.nanoTime() - start < 7_000_000_000L) {
            Thread.sleep(1_000);
            http.get("s/none", "USERSESSION=" + id);
        }
        Reply late = http.get("s/items", "USERSESSION=" + id);
        assertEquals("items=[]", late.body(), "ended by the absolute timeout however active");
        assertNotEquals(id, late.issued());
    }

    @Test
    void reaperDestroysAnExpiredSessionWithNoTraffic() throws Exception {
        String id = newSession();
        Reply whoami = http.get("s/whoami", "USERSESSION=" + id);
        long lastUse = System.nanoTime();
        String trace = whoami.field("trace");
        String cart = whoami.field("cart");
        String lifecycle = "";
        // No request carries the cookie from here on: only the reaper can end the session.
        while (System.nanoTime() - lastUse < 10_000_000_000L) {
            lifecycle = http.get("s/lifecycle").body();
            if (lifecycle.contains("destroyed " + trace + " IDLE_TIMEOUT")) {
                break;
            }
            Thread.sleep(200);
        }
        double seconds = (System.nanoTime() - lastUse) / 1e9;
        System.out.printf("reaper destroyed the session %.1f s after its last use (idle timeout 2 s)%n", seconds);
        assertTrue(lifecycle.lines().anyMatch(("destroyed " + trace + " IDLE_TIMEOUT")::equals), lifecycle);
        assertTrue(lifecycle.lines().anyMatch(("cart destroyed " + cart)::equals), lifecycle);
        assertTrue(seconds < 2 + 5, "destroyed within 5 s of expiring, took " + seconds + " s");
    }
}
