package io.github.usersession;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.github.usersession.beans.Cart;
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
 * A well-formed ID that names no live session fires one event per request, without the ID; the figures of the MBean
 * follow what happens.
 */
@EnableWeld
class RejectedIdTest {

    static final String FORGED = "A".repeat(42) + "E";
    static final String OTHER_FORGED = "B".repeat(42) + "E";

    @WeldSetup
    WeldInitiator weld = Weld.withTestBeans();

    @Inject
    Cart cart;

    @Inject
    LoginService login;

    @Inject
    UserSessions sessions;

    FakeServletContainer server;

    @BeforeEach
    void deploy() {
        Recorder.clear();
        server = FakeServletContainer.deploy(Map.of("usersession.max-sessions", "2"));
    }

    @AfterEach
    void undeploy() {
        if (server != null) {
            server.undeploy();
        }
    }

    static List<String> rejections() {
        return Recorder.events().stream().filter(event -> event.startsWith("rejected")).toList();
    }

    @Test
    void unknownIdFiresOneEventWithAddressAndPathButNeverTheId() throws Exception {
        server.request("USERSESSION=" + FORGED, "USERSESSION=" + OTHER_FORGED).run(() -> cart.add("tea"));
        List<String> rejections = rejections();
        assertEquals(List.of("rejected 192.0.2.7 /shop/cart SessionIdRejectedEvent[remoteAddress=192.0.2.7,"
                + " requestUri=/shop/cart]"), rejections, "one per request, however many IDs it sends");
        assertFalse(rejections.get(0).contains(FORGED));
    }

    @Test
    void endedIdIsRejectedToo() throws Exception {
        String id = server.request().run(() -> cart.add("tea")).issuedId();
        server.request("USERSESSION=" + id).run(login::logout);
        server.request("USERSESSION=" + id).run(() -> cart.items());
        assertEquals(1, rejections().size());
    }

    @Test
    void liveMissingAndMalformedIdsFireNothing() throws Exception {
        String id = server.request().run(() -> cart.add("tea")).issuedId();
        server.request("USERSESSION=" + id).run(() -> cart.items());
        server.request("USERSESSION=" + FORGED + "; USERSESSION=" + id).run(() -> cart.items());
        server.request("USERSESSION=short").run(() -> cart.items());
        server.request("USERSESSION=" + FORGED).run(() -> { }); // never looked up: it learns nothing
        assertEquals(List.of(), rejections());
    }

    @Test
    void mbeanCountsWhatHappens() throws Exception {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("io.github.usersession:type=UserSessions,context=/shop");
        String id = server.request().run(() -> cart.add("tea")).issuedId();
        server.request().run(() -> cart.add("tea"));
        server.request().run(() -> cart.add("refused by the cap"));
        server.request("USERSESSION=" + id).run(login::logout);
        server.request("USERSESSION=" + FORGED).run(sessions::exists);

        assertEquals(1L, jmx.getAttribute(name, "LiveSessions"));
        assertEquals(2L, jmx.getAttribute(name, "SessionsCreated"));
        assertEquals(1L, jmx.getAttribute(name, "SessionsEnded"));
        assertEquals(1L, jmx.getAttribute(name, "EndedByLogout"));
        assertEquals(0L, jmx.getAttribute(name, "EndedByRevoked"));
        assertEquals(1L, jmx.getAttribute(name, "SessionIdsRejected"));
        assertEquals(1L, jmx.getAttribute(name, "CapRefusals"));
        server.undeploy();
        server = null;
        assertFalse(jmx.isRegistered(name), "the MBean leaves with the application");
    }
}
