package io.github.usersession.internal.threads;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import io.github.usersession.UserSessionConfigurator;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * Checks at deployment the WebSocket endpoints that name {@link UserSessionConfigurator}: the library must be able to
 * subclass them, to intercept their calls, and to learn their connection when they open.
 */
public final class EndpointCheck {

    private EndpointCheck() {
    }

    /**
     * Checks the application's endpoint classes.
     *
     * @throws IllegalStateException naming each endpoint and what it lacks, when any of them cannot be bound
     */
    public static void check(Set<Class<?>> classes) {
        List<String> problems = new ArrayList<>();
        for (Class<?> type : classes == null ? Set.<Class<?>>of() : classes) {
            ServerEndpoint endpoint = type.getAnnotation(ServerEndpoint.class);
            if (endpoint != null && UserSessionConfigurator.class.isAssignableFrom(endpoint.configurator())) {
                problems.addAll(problems(type));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("WebSocket endpoints that name UserSessionConfigurator cannot be bound to"
                    + " the user session: " + String.join("; ", problems));
        }
    }

    static List<String> problems(Class<?> type) {
        List<String> problems = new ArrayList<>();
        if (Modifier.isFinal(type.getModifiers())) {
            problems.add(type.getName() + " is final, so its calls cannot be intercepted");
        }
        boolean opensWithSession = false;
        for (Method method : type.getMethods()) {
            if (EndpointCalls.kindOf(method) == null) {
                continue;
            }
            if (Modifier.isFinal(method.getModifiers())) {
                problems.add(type.getName() + "." + method.getName() + " is final, so it cannot be intercepted");
            }
            opensWithSession |= EndpointCalls.kindOf(method) == EndpointCalls.Kind.OPEN
                    && Arrays.asList(method.getParameterTypes()).contains(Session.class);
        }
        if (!opensWithSession) {
            problems.add(type.getName() + " has no @OnOpen method that takes a jakarta.websocket.Session, from which"
                    + " the library learns the connection to bind and to close when the session ends");
        }
        return problems;
    }
}
