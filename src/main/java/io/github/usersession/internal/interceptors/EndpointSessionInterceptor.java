package io.github.usersession.internal.interceptors;

import io.github.usersession.internal.threads.EndpointCalls;
import io.github.usersession.internal.threads.EndpointInstances;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.websocket.Session;

/**
 * Runs the {@code @OnOpen}, {@code @OnMessage}, {@code @OnClose} and {@code @OnError} methods of a WebSocket endpoint
 * bound to the user session its handshake named; other methods run as they are.
 */
@SessionBoundEndpoint
// Outermost, like the other interceptors of the library: the application's own interceptors see the session.
// @Interceptor itself is added by the extension.
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class EndpointSessionInterceptor {

    /**
     * The endpoint instance's own lifecycle, to end after its {@code @OnClose}: Weld makes the interceptors of an
     * instance while it makes the instance, on the thread that asked for it, which left it here.
     */
    private final EndpointInstances.Created created = EndpointInstances.justCreated();
    /** The connection, learnt from the first endpoint method that takes it: the {@code @OnOpen} method must. */
    private volatile Session connection;

    @AroundInvoke
    Object bind(InvocationContext invocation) throws Exception {
        EndpointCalls.Kind kind = EndpointCalls.kindOf(invocation.getMethod());
        if (kind == null) {
            return invocation.proceed();
        }
        for (Object parameter : invocation.getParameters()) {
            if (parameter instanceof Session session) {
                connection = session;
                break;
            }
        }
        return EndpointCalls.call(connection, kind, invocation::proceed, created);
    }
}
