package io.github.usersession.internal.threads;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

import io.github.usersession.internal.Binding;
import io.github.usersession.internal.SessionId;
import io.github.usersession.internal.SessionRegistry;
import io.github.usersession.internal.StoredSession;
import io.github.usersession.internal.web.SessionIdCookie;
import jakarta.websocket.Session;

/**
 * The user session that a WebSocket handshake named, or none: kept in the connection's user properties, where the
 * endpoint's calls find it. A WebSocket never starts a session, since it cannot set a cookie.
 */
// The application can see and print the user properties, and a server could serialize them: the session and the
// registry are transient, and the text shows only the log-safe trace ID.
public final class HandshakeSession implements Serializable {

    /** The key of the connection's user property. */
    public static final String KEY = "io.github.usersession.UserSession";

    private static final long serialVersionUID = 1L;

    private final transient SessionRegistry registry;
    private final transient StoredSession session;
    private final String name;

    private HandshakeSession(SessionRegistry registry, StoredSession session) {
        this.registry = registry;
        this.session = session;
        this.name = session == null ? "no user session" : String.valueOf(session);
    }

    /**
     * Reads the session from the handshake's Cookie headers in strict mode, as a request does: the first cookie that
     * names a live session wins; that counts as a use of the session.
     */
    public static HandshakeSession read(SessionRegistry registry, Map<String, List<String>> headers) {
        if (!registry.config().cookieEnabled()) {
            return new HandshakeSession(registry, null); // usersession.cookie.enabled=false: no cookie is ever read
        }
        SessionIdCookie cookie = new SessionIdCookie(registry.config());
        for (SessionId id : cookie.candidates(headers.get("Cookie"))) {
            StoredSession found = registry.lookUp(id);
            if (found != null) {
                return new HandshakeSession(registry, found);
            }
        }
        return new HandshakeSession(registry, null);
    }

    /** The handshake's session of a connection, or null when its endpoint does not name our configurator. */
    static HandshakeSession of(Session connection) {
        return connection != null && connection.getUserProperties().get(KEY) instanceof HandshakeSession handshake
                ? handshake : null;
    }

    StoredSession session() {
        return session;
    }

    SessionRegistry registry() {
        return registry;
    }

    /**
     * A binding to the live session for one call, counted in; null when the handshake named none or it has ended. A
     * message counts as a use of the session, as a request does.
     */
    Binding enter(boolean message) {
        return session != null && registry != null && registry.enterCarried(session, message)
                ? Binding.forCarried(registry, session, OffRequest.entered(session, OffRequest.SOCKET)) : null;
    }

    /** A binding that refuses to use any session: the handshake named none, or it has ended. */
    Binding refused() {
        return Binding.forCarried(registry, null, OffRequest.refused(session, OffRequest.SOCKET));
    }

    @Override
    public String toString() {
        return name;
    }
}
