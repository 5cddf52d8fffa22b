package io.github.usersession.internal.web;

import jakarta.enterprise.context.Destroyed;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.servlet.ServletRequest;

/**
 * The end of each servlet request, once every dispatch and error page is done: where a session that the request
 * created or renewed, and whose cookie the response does not carry, is ended ({@code UNDELIVERED}).
 */
// Observed as the end of the request context, which CDI fires with the ServletRequest from the server's own request
// listener, rather than through a ServletRequestListener of ours: Payara wraps every call of every request listener in
// two container events, each pushing and popping an invocation, at the start of each request and again at its end.
// That cost about 0.9 us on every request, whether or not it used a session (issue 13's profile).
public final class RequestEnd {

    private RequestEnd() {
    }

    /** Registers the observer of the end of each servlet request. */
    public static void observe(AfterBeanDiscovery event) {
        event.<ServletRequest>addObserverMethod()
                .observedType(ServletRequest.class)
                .addQualifier(Destroyed.Literal.REQUEST)
                .notifyWith(context -> RequestSession.requestDestroyed(context.getEvent()));
    }
}
