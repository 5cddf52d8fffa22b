package io.github.usersession;

import io.github.usersession.internal.UserSessionExtension;
import io.github.usersession.internal.threads.EndpointInstances;
import io.github.usersession.internal.threads.HandshakeSession;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Binds a WebSocket endpoint to the user session its handshake request's cookie names: its {@code @OnOpen},
 * {@code @OnMessage}, {@code @OnClose} and {@code @OnError} methods run with that session bound, so they can use
 * {@link UserSession} beans. Name it on the endpoint:
 * <pre>{@code
 * @ServerEndpoint(value = "/cart-count", configurator = UserSessionConfigurator.class)
 * public class CartCountSocket {
 *     @Inject Cart cart;                                   // a @UserSession bean
 *     @OnOpen public void open(Session socket) throws IOException {
 *         socket.getBasicRemote().sendText(String.valueOf(cart.count()));
 *     }
 * }
 * }</pre>
 * <ul>
 * <li>The endpoint class and its endpoint methods must not be final, and its {@code @OnOpen} method must take the
 * {@code jakarta.websocket.Session}: the library learns the connection from it. A deployment whose endpoint breaks
 * either rule fails, naming the endpoint.</li>
 * <li>The handshake finds the session in strict mode, as a request does; a handshake that names none leaves the
 * connection without a session, and using a bean then throws {@code ContextNotActiveException}. A WebSocket never
 * starts a session nor renews its ID: it cannot set a cookie.</li>
 * <li>Each message counts as a use of the session, for the idle timeout. When the session ends (logout, timeout,
 * shutdown), every connection opened under it is closed with code 1008 (policy violation) and the reason
 * "The user session has ended"; a call already running keeps its beans until it returns.</li>
 * <li>The endpoint is made through CDI, once per connection, with injection, {@code @PostConstruct} and interceptors;
 * its {@code @PreDestroy} runs after its {@code @OnClose}, so an endpoint that needs it declares {@code @OnClose}.</li>
 * </ul>
 * A subclass may override the methods of {@link ServerEndpointConfig.Configurator}, calling {@code super} for
 * {@link #modifyHandshake} and {@link #getEndpointInstance}. Thread-safe: the container shares one instance among all
 * connections of an endpoint.
 *
 * @see ServerEndpoint#configurator()
 */
public class UserSessionConfigurator extends ServerEndpointConfig.Configurator {

    private final EndpointInstances endpoints = new EndpointInstances();
    /** The application's bean manager, found on the first handshake, where the servlet request's context has it. */
    private volatile BeanManager beanManager;

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        super.modifyHandshake(config, request, response);
        BeanManager manager = beanManager();
        config.getUserProperties().put(HandshakeSession.KEY, HandshakeSession.read(
                manager.getExtension(UserSessionExtension.class).registry(), request.getHeaders()));
    }

    /**
     * A new instance of the endpoint, made through CDI with the interceptor that binds its calls.
     *
     * @throws InstantiationException naming the class when it cannot be made
     */
    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        return endpoints.create(beanManager(), endpointClass);
    }

    private BeanManager beanManager() {
        BeanManager manager = beanManager;
        if (manager == null) {
            manager = CDI.current().getBeanManager();
            beanManager = manager;
        }
        return manager;
    }
}
