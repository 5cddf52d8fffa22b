package io.github.usersession.internal.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.github.usersession.SessionHandle;
import io.github.usersession.UserSessions;
import io.github.usersession.beans.Cart;
import io.github.usersession.beans.Pricing;
import io.github.usersession.beans.Recorder;
import io.github.usersession.internal.Binding;
import io.github.usersession.internal.UserSessionExtension;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A WebSocket endpoint made by UserSessionConfigurator, called as a container calls it: each call is bound to the
 * session of the handshake, the session's end closes the connection, and the instance ends after its @OnClose.
 */
@EnableWeld
class EndpointBindingTest {

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(WeldInitiator.createWeld().addExtension(new UserSessionExtension())
            .addBeanClasses(Cart.class, Pricing.class)).build();

    @Inject
    UserSessions sessions;

    @Inject
    BeanManager beanManager;

    @Inject
    Cart cart;

    @BeforeEach
    void clearRecorder() {
        Recorder.clear();
    }

    FakeConnection connection(String cookieHeader) {
        return new FakeConnection(beanManager.getExtension(UserSessionExtension.class).registry(), cookieHeader);
    }

    String cookieOf(SessionHandle session) throws Exception {
        return sessions.callIn(session, () -> "USERSESSION=" + Binding.current().carried().id().encoded());
    }

    @Test
    void everyCallRunsBoundToTheHandshakesSessionAndItsEndClosesTheConnection() throws Exception {
        SessionHandle session = sessions.create();
        sessions.runIn(session, () -> cart.add("tea"));
        FakeConnection socket = connection(cookieOf(session));
        CartEndpoint endpoint = new EndpointInstances().create(beanManager, CartEndpoint.class);
        endpoint.open(socket.session());
        assertEquals(List.of("tea", "milk"), endpoint.add("milk"));
        assertEquals(List.of("tea", "milk"), sessions.callIn(session, cart::items));
        assertEquals(null, socket.closedWith());
        sessions.runIn(session, sessions::end);
        assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY, socket.closedWith().getCloseCode());
        assertEquals("The user session has ended", socket.closedWith().getReasonPhrase());
        ContextNotActiveException ended = assertThrows(ContextNotActiveException.class, () -> endpoint.add("jam"));
        assertTrue(ended.getMessage().contains(session + " of this WebSocket connection has ended"),
                ended.getMessage());
        endpoint.close();
        assertEquals(List.of("endpoint opened with [tea]", "Cart destroyed", "endpoint closed", "endpoint destroyed"),
                Recorder.events().stream().filter(event -> event.startsWith("endpoint")
                        || event.equals("Cart destroyed")).toList(), "@PreDestroy after @OnClose");
    }

    @Test
    void aConnectionWhoseHandshakeNamedNoSessionHasNoneAndStartsNone() throws Exception {
        int live = sessions.count();
        for (String cookie : new String[] {null, "USERSESSION=" + "A".repeat(43)}) {
            CartEndpoint endpoint = new EndpointInstances().create(beanManager, CartEndpoint.class);
            ContextNotActiveException none = assertThrows(ContextNotActiveException.class,
                    () -> endpoint.open(connection(cookie).session()));
            assertTrue(none.getMessage().startsWith("No user session is bound to this WebSocket connection"),
                    none.getMessage());
        }
        assertEquals(live, sessions.count());
    }

    @Test
    void endpointsThatCannotBeBoundFailTheDeploymentNamingThem() {
        EndpointCheck.check(java.util.Set.of(CartEndpoint.class));
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> EndpointCheck.check(java.util.Set.of(FinalEndpoint.class, BlindEndpoint.class)));
        assertTrue(failure.getMessage().contains(FinalEndpoint.class.getName() + " is final"), failure.getMessage());
        assertTrue(failure.getMessage().contains(BlindEndpoint.class.getName() + " has no @OnOpen method that takes"
                + " a jakarta.websocket.Session"), failure.getMessage());
    }

    @jakarta.websocket.server.ServerEndpoint(value = "/final",
            configurator = io.github.usersession.UserSessionConfigurator.class)
    static final class FinalEndpoint {
        @jakarta.websocket.OnOpen
        public void open(jakarta.websocket.Session socket) {
        }
    }

    @jakarta.websocket.server.ServerEndpoint(value = "/blind",
            configurator = io.github.usersession.UserSessionConfigurator.class)
    static class BlindEndpoint {
        @jakarta.websocket.OnOpen
        public void open() {
        }
    }
}
