package io.github.usersession.internal.observers;

import io.github.usersession.internal.web.RequestSession;
import jakarta.enterprise.context.Destroyed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Typed;
import jakarta.servlet.ServletRequest;

/**
 * The end of each servlet request, once every dispatch and error page is done: where a session that the request
 * created or renewed, and whose cookie the response does not carry, is ended ({@code UNDELIVERED}).
 */
// Observed as the end of the request context, which CDI fires with the ServletRequest from the server's own request
// listener, rather than through a ServletRequestListener of ours: Payara wraps every call of every request listener in
// two container events, each pushing and popping an invocation, at the start of each request and again at its end.
// That cost about 0.9 us on every request, whether or not it used a session (issue 13's profile).
// A static observer method asking for nothing but the event, on a bean our extension adds, rather than a synthetic
// observer (AfterBeanDiscovery.addObserverMethod): Weld counts a synthetic observer as one that may read the event's
// metadata, so for it every request's event pushed that metadata on a thread-local stack, which at that point (the
// request context already ended) is a new stack and a new thread-local entry, removed again after the call. For an
// observer like this one Weld fires the event straight to the method: no metadata, no receiver instance.
// @Typed(): the bean exists only for its observer method, so nothing can inject it.
@Typed
public final class RequestEnd {

    private RequestEnd() {
    }

    static void requestEnded(@Observes @Destroyed(RequestScoped.class) ServletRequest request) {
        RequestSession.requestDestroyed(request);
    }
}
