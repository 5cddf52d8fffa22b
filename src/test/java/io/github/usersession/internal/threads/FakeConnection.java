package io.github.usersession.internal.threads;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import io.github.usersession.internal.SessionRegistry;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

/**
 * Just enough of a WebSocket connection for the unit tests: the user properties that the handshake filled, and a
 * close that is remembered.
 */
public final class FakeConnection {

    private final Map<String, Object> properties = new ConcurrentHashMap<>();
    private final AtomicReference<CloseReason> closedWith = new AtomicReference<>();
    private final Session session;

    /** A connection whose handshake sent the Cookie header, or none when it is null. */
    public FakeConnection(SessionRegistry registry, String cookieHeader) {
        properties.put(HandshakeSession.KEY, HandshakeSession.read(registry,
                cookieHeader == null ? Map.of() : Map.of("Cookie", List.of(cookieHeader))));
        session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getUserProperties" -> properties;
                    case "isOpen" -> closedWith.get() == null;
                    case "close" -> {
                        closedWith.compareAndSet(null, args == null ? new CloseReason(
                                CloseReason.CloseCodes.NORMAL_CLOSURE, "") : (CloseReason) args[0]);
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }

    /** The connection as the endpoint gets it. */
    public Session session() {
        return session;
    }

    /** How the server closed the connection, or null while it is open. */
    public CloseReason closedWith() {
        return closedWith.get();
    }
}
