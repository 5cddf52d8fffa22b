package io.github.usersession;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import io.github.usersession.beans.Cart;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

/**
 * The cookie settings from the context parameters reach the Set-Cookie header.
 */
@EnableWeld
class CookieConfigurationTest {

    @WeldSetup
    WeldInitiator weld = Weld.withTestBeans();

    @Inject
    Cart cart;

    List<String> cookiesWith(Map<String, String> settings) throws Exception {
        FakeServletContainer server = FakeServletContainer.deploy(settings);
        try {
            return server.request().run(() -> cart.add("tea")).setCookies;
        } finally {
            server.undeploy();
        }
    }

    @Test
    void configuredNamePathDomainAndSameSiteAreSent() throws Exception {
        String cookie = cookiesWith(Map.of("usersession.cookie.name", "SID", "usersession.cookie.path", "/",
                "usersession.cookie.domain", "example.com", "usersession.cookie.same-site", "Strict")).get(0);
        assertTrue(cookie.matches("SID=[A-Za-z0-9_-]{43}; Path=/; Domain=example.com; HttpOnly; SameSite=Strict"),
                cookie);
    }

    @Test
    void secureTrueAlwaysAddsSecure() throws Exception {
        assertTrue(cookiesWith(Map.of("usersession.cookie.secure", "true")).get(0).contains("; Secure;"));
    }

    @Test
    void sameSiteNoneForcesSecureEvenWhenSecureIsFalse() throws Exception {
        String cookie = cookiesWith(Map.of("usersession.cookie.same-site", "None", "usersession.cookie.secure",
                "false")).get(0);
        assertTrue(cookie.endsWith("; Secure; HttpOnly; SameSite=None"), cookie);
    }

    @Test
    void secureFalseNeverAddsSecure() throws Exception {
        assertEquals(1, cookiesWith(Map.of("usersession.cookie.secure", "false")).stream()
                .filter(cookie -> !cookie.contains("Secure")).count());
    }
}
