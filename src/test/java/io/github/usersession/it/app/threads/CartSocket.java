package io.github.usersession.it.app.threads;

import java.io.IOException;
import java.util.List;

import io.github.usersession.UserSessionConfigurator;
import io.github.usersession.it.app.ItemCart;
import io.github.usersession.it.app.Lifecycle;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * A WebSocket on the session's cart: "items" answers the items, "add X" adds X, "fail" throws; each answer says what
 * the call saw of the session. The close and the end of the instance are recorded in the {@link Lifecycle}.
 */
@ServerEndpoint(value = "/ws/cart", configurator = UserSessionConfigurator.class)
public class CartSocket {

    @Inject
    ItemCart cart;

    @Inject
    Lifecycle lifecycle;

    private String name = "unnamed";

    @OnOpen
    public void open(Session socket) throws IOException {
        name = socket.getRequestParameterMap().getOrDefault("name", List.of(name)).get(0);
        socket.getBasicRemote().sendText("open " + Work.describe(cart));
    }

    @OnMessage
    public String message(String message) {
        if (message.equals("fail")) {
            throw new IllegalStateException("failing on purpose");
        }
        if (message.startsWith("add ")) {
            return Work.attempt(() -> {
                cart.add(message.substring(4));
                return "items=" + cart.items();
            });
        }
        return Work.describe(cart);
    }

    @OnError
    public void error(Session socket, Throwable failure) throws IOException {
        if (socket.isOpen()) {
            socket.getBasicRemote().sendText("error " + failure.getMessage() + " " + Work.describe(cart));
        }
    }

    @OnClose
    public void close(CloseReason reason) {
        lifecycle.record("socket " + name + " closed " + reason.getCloseCode().getCode() + " "
                + Work.describe(cart));
    }

    @PreDestroy
    void destroyed() {
        lifecycle.record("socket " + name + " destroyed");
    }
}
