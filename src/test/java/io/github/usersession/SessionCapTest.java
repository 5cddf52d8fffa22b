package io.github.usersession;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import io.github.usersession.FakeServletContainer.Exchange;
import io.github.usersession.beans.Cart;
import io.github.usersession.beans.LoginService;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The session cap, configured from web.xml's context parameters.
 */
@EnableWeld
class SessionCapTest {

    @WeldSetup
    WeldInitiator weld = Weld.withTestBeans();

    @Inject
    Cart cart;

    @Inject
    LoginService login;

    FakeServletContainer server;

    @BeforeEach
    void deploy() {
        server = FakeServletContainer.deploy(Map.of("usersession.max-sessions", "2"));
    }

    @AfterEach
    void undeploy() {
        server.undeploy();
    }

    @Test
    void capAnswers503WithRetryAfterAndNoCookie() throws Exception {
        String first = server.request().run(() -> cart.add("one")).issuedId();
        server.request().run(() -> cart.add("two"));

        Exchange refused = server.request().run(() -> cart.add("three"));
        assertEquals(503, refused.status);
        assertEquals("60", refused.headers.get("Retry-After"));
        assertEquals(List.of(), refused.setCookies);
        assertNull(refused.issuedId());

        server.request("USERSESSION=" + first).run(() -> assertEquals(List.of("one"), cart.items()));
        server.request("USERSESSION=" + first).run(login::logout);
        Exchange admitted = server.request().run(() -> cart.add("three"));
        assertEquals(200, admitted.status);
        assertNotNull(admitted.issuedId());
    }
}
