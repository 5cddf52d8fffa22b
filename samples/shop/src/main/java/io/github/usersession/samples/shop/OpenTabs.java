package io.github.usersession.samples.shop;

import java.io.IOException;
import java.io.Serializable;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.usersession.UserSession;
import jakarta.websocket.Session;

/** The live sockets of the browser tabs of one user session, to which a change of the cart is pushed. */
@UserSession
public class OpenTabs implements Serializable {

    private static final long serialVersionUID = 1L;

    // Transient: a socket belongs to this server and cannot be serialized with the session.
    private transient Set<Session> sockets;

    private synchronized Set<Session> sockets() {
        if (sockets == null) {
            sockets = ConcurrentHashMap.newKeySet();
        }
        return sockets;
    }

    public void opened(Session socket) {
        sockets().add(socket);
    }

    public void closed(Session socket) {
        sockets().remove(socket);
    }

    /** Sends the cart's item count to every open tab; a tab that cannot be reached is dropped. */
    public void pushCount(int count) {
        for (Session socket : sockets()) {
            try {
                socket.getBasicRemote().sendText("cart-count " + count);
            } catch (IOException | IllegalStateException e) {
                sockets().remove(socket);
            }
        }
    }
}
