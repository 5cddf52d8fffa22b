package io.github.usersession.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import io.github.usersession.SessionEndReason;
import io.github.usersession.beans.Cart;
import io.github.usersession.beans.Pricing;
import io.github.usersession.beans.Recorder;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two registries sharing one store, as two servers: a session's user travels with its record, so that another
 * server neither takes the sign-in for a new one (which would renew the ID at every hop) nor hands the beans to
 * another user, and lists and ends the copies it holds.
 */
@EnableWeld
class SharedPrincipalTest {

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(WeldInitiator.createWeld()
            .addExtension(new UserSessionExtension()).addBeanClasses(Cart.class, Pricing.class)).build();

    @Inject
    BeanManager beanManager;

    @Inject
    Cart cart;

    final SharedMapStore store = new SharedMapStore();
    SessionRegistry a;
    SessionRegistry b;

    @BeforeEach
    void servers() {
        Recorder.clear();
        a = server();
        b = server();
    }

    SessionRegistry server() {
        return store.server(beanManager, UserSessionConfig.from(Map.<String, String>of()::get));
    }

    /** A request on the server that finds the session and, as its filter would at the end, writes what changed. */
    void request(SessionRegistry server, SessionId id, java.util.function.Consumer<StoredSession> work) {
        StoredSession session = server.find(id);
        assertNotNull(session, "the session is live on this server");
        Binding binding = Binding.forEntered(server, session);
        Binding previous = binding.bind();
        try {
            work.accept(session);
            binding.beforeCommit();
        } finally {
            Binding.restore(previous);
            binding.release();
        }
    }

    SessionId signedIn(String user) {
        StoredSession created = a.create();
        a.release(created);
        SessionId id = created.id();
        request(a, id, session -> {
            cart.add("tea");
            a.principals().signIn(session, user);
        });
        return id;
    }

    @Test
    void aUserSignedInOnOneServerIsTheSessionsUserOnAnother() {
        SessionId id = signedIn("alice");
        request(b, id, session -> {
            assertEquals("alice", session.principal(), "no second sign-in, no renewal at this hop");
            assertEquals(List.of("tea"), cart.items());
        });
        assertEquals(1, b.principals().liveSessions("alice").size(), "the other server lists the copy it holds");
    }

    @Test
    void endAllOnAnotherServerEndsTheCopiesItHoldsEverywhere() {
        SessionId id = signedIn("alice");
        request(b, id, session -> cart.items());
        assertEquals(1, b.principals().endAll("alice"));
        assertNull(a.find(id), "the record is gone: the session is over on every server");
        assertEquals(List.of(), b.principals().liveSessions("alice"));
    }

    @Test
    void aCopyDroppedBecauseItsRecordIsGoneIsNoLongerListed() {
        SessionId id = signedIn("alice");
        request(b, id, session -> cart.items());
        StoredSession onA = a.find(id);
        a.release(onA);
        a.end(onA, SessionEndReason.LOGOUT);
        assertNull(b.find(id));
        assertEquals(List.of(), b.principals().liveSessions("alice"));
    }
}
