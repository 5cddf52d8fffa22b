package io.github.usersession;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.usersession.beans.Account;
import io.github.usersession.beans.Cart;
import io.github.usersession.beans.Faulty;
import io.github.usersession.beans.LoginService;
import io.github.usersession.beans.Recorder;
import io.github.usersession.beans.SlowStart;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.spi.AlterableContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableWeld
class UserSessionScopeTest {

    @WeldSetup
    WeldInitiator weld = Weld.withTestBeans();

    @Inject
    UserSessions sessions;

    @Inject
    Cart cart;

    @Inject
    Account account;

    @Inject
    SlowStart slowStart;

    @Inject
    Faulty faulty;

    @Inject
    LoginService login;

    @Inject
    BeanManager beanManager;

    @BeforeEach
    void clearRecorder() {
        Recorder.clear();
    }

    @Test
    void oneSessionSharesOneInstance() {
        SessionHandle session = sessions.create();
        sessions.runIn(session, () -> cart.add("tea"));
        sessions.runIn(session, () -> assertEquals(List.of("tea"), cart.items()));
        assertEquals(1, Recorder.count("Cart created"));
    }

    @Test
    void sessionsNeverSeeEachOthersInstances() {
        SessionHandle alice = sessions.create();
        SessionHandle bob = sessions.create();
        sessions.runIn(alice, () -> cart.add("alice's tea"));
        sessions.runIn(bob, () -> assertEquals(List.of(), cart.items()));
        String aliceCart = call(alice, cart::instance);
        assertNotEquals(aliceCart, call(bob, cart::instance));
    }

    @Test
    void useOutsideBindingThrowsAndSaysHowToBind() {
        ContextNotActiveException e = assertThrows(ContextNotActiveException.class, () -> cart.items());
        assertTrue(e.getMessage().contains("UserSessions.runIn"), e.getMessage());
        assertFalse(sessions.isActive());
    }

    @Test
    void runInRestoresThePreviousBinding() {
        SessionHandle outer = sessions.create();
        SessionHandle inner = sessions.create();
        sessions.runIn(outer, () -> {
            cart.add("outer");
            sessions.runIn(inner, () -> assertEquals(List.of(), cart.items()));
            assertEquals(List.of("outer"), cart.items());
            assertEquals(outer, sessions.current().orElseThrow());
        });
        assertFalse(sessions.isActive());
        assertTrue(sessions.current().isEmpty());
    }

    @Test
    void runInUnbindsWhenTheTaskThrows() {
        SessionHandle session = sessions.create();
        assertThrows(IllegalStateException.class, () -> sessions.runIn(session, () -> {
            throw new IllegalStateException("task fails");
        }));
        assertFalse(sessions.isActive());
    }

    @Test
    void callInUnbindsWhenTheTaskThrows() {
        SessionHandle session = sessions.create();
        assertThrows(java.io.IOException.class, () -> sessions.callIn(session, () -> {
            throw new java.io.IOException("task fails");
        }));
        assertFalse(sessions.isActive());
    }

    @Test
    void concurrentFirstUsesGetOneInstance() throws Exception {
        SessionHandle session = sessions.create();
        Set<String> instances = ConcurrentHashMap.newKeySet();
        Race.run(16, () -> {
            sessions.runIn(session, () -> instances.add(slowStart.instance()));
            return null;
        }, Duration.ofSeconds(10));
        assertEquals(1, instances.size());
        assertEquals(1, Recorder.count("SlowStart created"));
    }

    @Test
    void postConstructMayUseAnotherUserSessionBean() {
        SessionHandle session = sessions.create();
        sessions.runIn(session, () -> {
            // Account first, so that its @PostConstruct is what creates the Cart.
            String cartSeenAtStart = account.cartAtStart();
            assertEquals(1, Recorder.count("Cart created"));
            assertEquals(cart.instance(), cartSeenAtStart);
        });
    }

    @Test
    void endDestroysEveryInstanceOnceWithItsDependents() {
        SessionHandle session = sessions.create();
        sessions.runIn(session, () -> {
            account.signIn("alice");
            sessions.end();
            assertFalse(session.isLive());
            assertEquals(0, Recorder.count("Cart destroyed"), "destroyed only when the binding ends");
        });
        assertEquals(1, Recorder.count("Cart destroyed"));
        assertEquals(1, Recorder.count("Pricing destroyed"));
        assertEquals(1, Recorder.count("Account destroyed"));
    }

    @Test
    void endOutsideBindingThrows() {
        assertThrows(ContextNotActiveException.class, () -> sessions.end());
    }

    @Test
    void failingPreDestroyDoesNotStopTheOthers() {
        SessionHandle session = sessions.create();
        sessions.runIn(session, () -> {
            faulty.touch();
            cart.add("tea");
            account.signIn("bob");
            sessions.end();
        });
        assertEquals(1, Recorder.count("Faulty destroyed"));
        assertEquals(1, Recorder.count("Cart destroyed"));
        assertEquals(1, Recorder.count("Account destroyed"));
    }

    @Test
    void destroyTwiceIsHarmless() {
        SessionHandle session = sessions.create();
        AlterableContext context = (AlterableContext) beanManager.getContext(UserSession.class);
        Bean<?> cartBean = beanManager.resolve(beanManager.getBeans(Cart.class));
        sessions.runIn(session, () -> {
            String first = cart.instance();
            context.destroy(cartBean);
            context.destroy(cartBean);
            assertNotEquals(first, cart.instance(), "a destroyed instance is made anew on next use");
        });
        assertEquals(1, Recorder.count("Cart destroyed"));
        assertEquals(2, Recorder.count("Cart created"));
    }

    @Test
    void endedSessionCannotBeBound() {
        SessionHandle session = sessions.create();
        sessions.runIn(session, sessions::end);
        assertThrows(IllegalStateException.class, () -> sessions.runIn(session, cart::items));
    }

    @Test
    void countTracksLiveSessions() {
        int before = sessions.count();
        SessionHandle first = sessions.create();
        sessions.create();
        assertEquals(before + 2, sessions.count());
        sessions.runIn(first, sessions::end);
        assertEquals(before + 1, sessions.count());
    }

    @Test
    void logoutEndsTheSessionAfterNormalReturn() {
        SessionHandle session = sessions.create();
        sessions.runIn(session, () -> {
            cart.add("tea");
            login.logout();
            assertFalse(session.isLive());
            assertEquals(List.of("tea"), cart.items(), "the request still sees its beans until it ends");
        });
        assertEquals(1, Recorder.count("logout called"));
        assertEquals(1, Recorder.count("Cart destroyed"));
        assertThrows(IllegalStateException.class, () -> sessions.runIn(session, cart::items));
    }

    @Test
    void interceptorBindingsWorkOnUserSessionBeansThemselves() {
        SessionHandle session = sessions.create();
        sessions.runIn(session, () -> {
            account.switchUser("carol");
            assertEquals("carol", account.user());
            account.signOut();
        });
        assertFalse(session.isLive());
        assertEquals(1, Recorder.count("Account destroyed"));
    }

    @Test
    void failingLogoutKeepsTheSession() {
        SessionHandle session = sessions.create();
        sessions.runIn(session, () -> {
            cart.add("tea");
            assertThrows(IllegalStateException.class, login::failingLogout);
        });
        assertTrue(session.isLive());
        sessions.runIn(session, () -> assertEquals(List.of("tea"), cart.items()));
        assertEquals(0, Recorder.count("Cart destroyed"));
    }

    @Test
    void renewSessionIdKeepsTheInstances() {
        SessionHandle session = sessions.create();
        sessions.runIn(session, () -> {
            cart.add("tea");
            login.login("alice");
            assertEquals(List.of("tea"), cart.items());
            assertEquals("alice", account.user());
        });
        assertTrue(session.isLive());
        assertEquals(0, Recorder.count("Cart destroyed"));
    }

    private <T> T call(SessionHandle session, java.util.concurrent.Callable<T> task) {
        try {
            return sessions.callIn(session, task);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
