package io.github.usersession;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import org.junit.jupiter.api.Test;

/**
 * API clients carry the ID in a header of the application's choice, and learn of every change in it; browsers are
 * answered by cookie only; strict mode applies to the header as to the cookie.
 */
@EnableWeld
class ApiHeaderTest {

    static final String HEADER = "X-User-Session";
    static final String FORGED = "A".repeat(42) + "E";

    @WeldSetup
    WeldInitiator weld = Weld.withTestBeans();

    @Inject
    Cart cart;

    @Inject
    LoginService login;

    FakeServletContainer server;

    @AfterEach
    void undeploy() {
        if (server != null) {
            server.undeploy();
        }
    }

    Exchange request(String id) {
        return server.request().header(HEADER, id);
    }

    @Test
    void withoutCookiesTheHeaderCarriesTheIdBothWays() throws Exception {
        server = FakeServletContainer.deploy(Map.of("usersession.header.name", HEADER,
                "usersession.cookie.enabled", "false"));
        Exchange first = server.request().run(() -> cart.add("tea"));
        String id = first.headers.get(HEADER);
        assertNotNull(id, "a client that sent nothing is answered in the header when there is no cookie");
        assertEquals(List.of(), first.setCookies);

        Exchange second = request(id).run(() -> assertEquals(List.of("tea"), cart.items()));
        assertNull(second.headers.get(HEADER), "no change, no header");

        String renewed = request(id).run(() -> login.login("alice")).headers.get(HEADER);
        assertNotEquals(id, renewed);
        assertNotNull(renewed);
        request(renewed).run(() -> assertEquals(List.of("tea"), cart.items()));

        Exchange logout = request(renewed).run(login::logout);
        assertEquals("", logout.headers.get(HEADER), "an ended session is an empty value");
        assertNotEquals(renewed, request(renewed).run(() -> cart.add("x")).headers.get(HEADER));
    }

    @Test
    void cookieIsNeitherReadNorSetWhenDisabled() throws Exception {
        server = FakeServletContainer.deploy(Map.of("usersession.header.name", HEADER,
                "usersession.cookie.enabled", "false"));
        String id = server.request().run(() -> cart.add("tea")).headers.get(HEADER);
        Exchange byCookie = server.request("USERSESSION=" + id).run(() -> assertEquals(List.of(), cart.items()));
        assertEquals(List.of(), byCookie.setCookies);
    }

    @Test
    void browsersAreAnsweredByCookieOnlyAndApiClientsByHeaderOnly() throws Exception {
        server = FakeServletContainer.deploy(Map.of("usersession.header.name", HEADER));
        Exchange browser = server.request().run(() -> cart.add("tea"));
        assertNull(browser.headers.get(HEADER), "a page's scripts could read the ID from a response header");
        assertNotNull(browser.issuedId());

        Exchange api = request("").run(() -> cart.add("tea"));
        assertEquals(List.of(), api.setCookies);
        assertNotNull(api.headers.get(HEADER), "an empty header asks to be answered in the header");
    }

    @Test
    void forgedIdInTheHeaderIsNeverAdopted() throws Exception {
        server = FakeServletContainer.deploy(Map.of("usersession.header.name", HEADER,
                "usersession.cookie.enabled", "false"));
        String issued = request(FORGED).run(() -> cart.add("tea")).headers.get(HEADER);
        assertNotNull(issued);
        assertNotEquals(FORGED, issued);
        Exchange garbage = request("not an id \u0001").run(() -> assertEquals(List.of(), cart.items()));
        assertEquals(200, garbage.status);
    }

    @Test
    void capAppliesToHeaderClients() throws Exception {
        server = FakeServletContainer.deploy(Map.of("usersession.header.name", HEADER,
                "usersession.cookie.enabled", "false", "usersession.max-sessions", "1"));
        String id = server.request().run(() -> cart.add("tea")).headers.get(HEADER);
        Exchange refused = server.request().run(() -> cart.add("more"));
        assertEquals(503, refused.status);
        assertNull(refused.headers.get(HEADER));
        request(id).run(() -> assertEquals(List.of("tea"), cart.items()));
    }
}
