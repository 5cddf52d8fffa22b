package io.github.usersession.internal.threads;

import java.util.List;

import io.github.usersession.UserSessionConfigurator;
import io.github.usersession.beans.Cart;
import io.github.usersession.beans.Recorder;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/** A WebSocket endpoint on the session's cart, called directly by the unit tests as a container would. */
@ServerEndpoint(value = "/cart", configurator = UserSessionConfigurator.class)
public class CartEndpoint {

    @Inject
    Cart cart;

    @OnOpen
    public void open(Session socket) {
        Recorder.record("endpoint opened with " + cart.items());
    }

    @OnMessage
    public List<String> add(String item) {
        cart.add(item);
        return cart.items();
    }

    @OnClose
    public void close() {
        Recorder.record("endpoint closed");
    }

    @PreDestroy
    void destroyed() {
        Recorder.record("endpoint destroyed");
    }
}
