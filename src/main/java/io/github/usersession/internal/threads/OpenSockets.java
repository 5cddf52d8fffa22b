package io.github.usersession.internal.threads;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.usersession.internal.SessionRegistry;
import io.github.usersession.internal.StoredSession;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

/**
 * The open WebSocket connections of each user session of one application, closed with 1008 (policy violation) when
 * their session ends: by logout, timeout or shutdown.
 */
// Only sessions with open sockets have an entry, so that idle sessions pay nothing. Each application's registry has
// one of these, kept weakly so that an undeployed application leaves nothing behind.
final class OpenSockets {

    static final String REASON = "The user session has ended";

    private static final Logger LOG = Logger.getLogger(OpenSockets.class.getName());
    private static final Map<SessionRegistry, OpenSockets> OF_REGISTRY = new WeakHashMap<>();

    private final Map<StoredSession, Set<Session>> sockets = new ConcurrentHashMap<>();

    private OpenSockets() {
    }

    static OpenSockets of(SessionRegistry registry) {
        synchronized (OF_REGISTRY) {
            return OF_REGISTRY.computeIfAbsent(registry, started -> {
                OpenSockets created = new OpenSockets();
                started.whenEnded(created::ended);
                return created;
            });
        }
    }

    /** Files an opened connection under its session; closes it at once if the session has ended meanwhile. */
    void opened(StoredSession session, Session connection) {
        sockets.computeIfAbsent(session, key -> ConcurrentHashMap.newKeySet()).add(connection);
        // The end may have come between the handshake and now, after its listener looked for sockets to close.
        if (!session.isLive()) {
            ended(session);
        }
    }

    void closed(StoredSession session, Session connection) {
        sockets.computeIfPresent(session, (key, open) -> {
            open.remove(connection);
            return open.isEmpty() ? null : open;
        });
    }

    private void ended(StoredSession session) {
        Set<Session> open = sockets.remove(session);
        if (open == null) {
            return;
        }
        open.forEach(OpenSockets::closeEnded);
    }

    /** Closes a connection whose session has ended, with 1008 (policy violation), unless it is closed already. */
    static void closeEnded(Session connection) {
        try {
            if (connection.isOpen()) {
                connection.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, REASON));
            }
        } catch (IOException | RuntimeException e) {
            // The connection is going anyway; its endpoint's @OnError or @OnClose says what the client saw.
            LOG.log(Level.FINE, e, () -> "Closing a WebSocket whose session ended failed");
        }
    }
}
