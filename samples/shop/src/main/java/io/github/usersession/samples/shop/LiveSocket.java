package io.github.usersession.samples.shop;

import java.io.IOException;

import io.github.usersession.UserSessionConfigurator;
import io.github.usersession.UserSessions;
import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * The page's live connection: it joins the user session's open tabs and gets the cart count whenever another tab
 * changes the cart. It runs bound to the session of the page's cookie, so it uses the same beans as the requests;
 * the library closes it with code 1008 when the session ends.
 */
@ServerEndpoint(value = "/live", configurator = UserSessionConfigurator.class)
public class LiveSocket {

    @Inject
    Cart cart;

    @Inject
    OpenTabs tabs;

    @Inject
    UserSessions sessions;

    @OnOpen
    public void open(Session socket) throws IOException {
        if (sessions.exists()) {
            tabs.opened(socket);
            socket.getBasicRemote().sendText("cart-count " + cart.count());
        }
    }

    @OnClose
    public void close(Session socket) {
        // After a logout the session has ended, and its tabs with it.
        if (sessions.exists()) {
            tabs.closed(socket);
        }
    }
}
