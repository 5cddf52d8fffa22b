package io.github.usersession.internal.threads;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

import io.github.usersession.internal.Binding;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;

/**
 * One call of a WebSocket endpoint method, bound to the session its connection's handshake named: each call is a
 * binding of its own, counted in and out like a request's, so that a session ended meanwhile is found ended.
 */
public final class EndpointCalls {

    /** What the container calls an endpoint method for. */
    public enum Kind { OPEN, MESSAGE, CLOSE, ERROR }

    /** The kind of each method seen, empty for a method that is none of them. */
    private static final Map<Method, Optional<Kind>> KINDS = new ConcurrentHashMap<>();

    private EndpointCalls() {
    }

    /** The kind of an endpoint method, or null for any other method of the endpoint. */
    public static Kind kindOf(Method method) {
        return KINDS.computeIfAbsent(method, EndpointCalls::readKind).orElse(null);
    }

    private static Optional<Kind> readKind(Method method) {
        return Optional.ofNullable(method.isAnnotationPresent(OnMessage.class) ? Kind.MESSAGE
                : method.isAnnotationPresent(OnOpen.class) ? Kind.OPEN
                : method.isAnnotationPresent(OnClose.class) ? Kind.CLOSE
                : method.isAnnotationPresent(OnError.class) ? Kind.ERROR : null);
    }

    /**
     * Calls the endpoint method bound to the connection's session. The opening of a connection files it to be closed
     * when its session ends; its closing forgets it and ends the endpoint instance.
     */
    public static Object call(Session connection, Kind kind, Callable<Object> method, EndpointInstances.Created created)
            throws Exception {
        HandshakeSession handshake = HandshakeSession.of(connection);
        if (handshake == null) {
            // No connection is known yet (the @OnOpen method takes none): nothing to bind, as the deployment check
            // says. The call still runs, so that the endpoint fails on its own terms if it uses a bean.
            return method.call();
        }
        Binding entered = handshake.enter(kind == Kind.MESSAGE);
        Binding binding = entered == null ? handshake.refused() : entered;
        Binding previous = binding.bind();
        try {
            return method.call();
        } finally {
            Binding.restore(previous);
            binding.release();
            if (handshake.session() != null) {
                OpenSockets sockets = OpenSockets.of(handshake.registry());
                if (kind == Kind.CLOSE) {
                    sockets.closed(handshake.session(), connection);
                } else if (entered == null) {
                    // Ended where this server could not see it (another server of a shared store): close it now.
                    OpenSockets.closeEnded(connection);
                } else if (kind == Kind.OPEN && connection.isOpen()) {
                    sockets.opened(handshake.session(), connection);
                }
            }
            if (kind == Kind.CLOSE && created != null) {
                created.destroy();
            }
        }
    }
}
