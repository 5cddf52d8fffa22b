package io.github.usersession;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.usersession.FakeServletContainer.Exchange;
import io.github.usersession.beans.Account;
import io.github.usersession.beans.Cart;
import io.github.usersession.beans.LoginService;
import io.github.usersession.beans.Pricing;
import io.github.usersession.beans.Recorder;
import io.github.usersession.internal.UserSessionExtension;
import io.github.usersession.internal.interceptors.LogoutInterceptor;
import io.github.usersession.internal.interceptors.RenewSessionIdInterceptor;
import io.github.usersession.internal.observers.RequestEnd;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

/**
 * A server that scans our jar as a bean archive still gets each interceptor once, and the end-of-request check still
 * ends a session whose cookie was dropped (it then runs twice; the second finds the session ended).
 */
@EnableWeld
class ScannedJarTest {

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(WeldInitiator.createWeld()
            .addExtension(new UserSessionExtension())
            .addBeanClasses(Cart.class, Pricing.class, Account.class, LoginService.class,
                    LogoutInterceptor.class, RenewSessionIdInterceptor.class, RequestEnd.class))
            .build();

    @Inject
    Cart cart;

    @Inject
    LoginService login;

    @Inject
    UserSessions sessions;

    @Test
    void interceptorsRunOnceWhenTheirClassesAreDiscoveredToo() throws Exception {
        FakeServletContainer server = FakeServletContainer.deploy();
        try {
            String id = server.request().run(() -> cart.add("tea")).issuedId();
            Exchange renewal = server.request("USERSESSION=" + id).run(() -> login.login("alice"));
            assertEquals(1, renewal.setCookies.size(), renewal.setCookies.toString());
        } finally {
            server.undeploy();
        }
    }

    @Test
    void aSessionWhoseCookieTheErrorPageDroppedEndsOnceWhenTheObserverIsDiscoveredToo() {
        Recorder.clear();
        FakeServletContainer server = FakeServletContainer.deploy();
        try {
            Exchange failing = server.request();
            failing.resetOnError = true;
            assertThrows(IllegalStateException.class, () -> failing.run(() -> {
                cart.add("tea");
                throw new IllegalStateException("servlet fails after the session started");
            }));
            assertEquals(0, sessions.count(), "no session that no client can name");
            assertEquals(1, Recorder.count("Cart destroyed"));
        } finally {
            server.undeploy();
        }
    }
}
