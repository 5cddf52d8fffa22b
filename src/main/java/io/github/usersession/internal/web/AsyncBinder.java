package io.github.usersession.internal.web;

import io.github.usersession.internal.Binding;
import io.github.usersession.internal.SessionRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Binds the work of a request's async processing (a task given to {@code AsyncContext.start}, a listener callback)
 * to the request's session, as a later dispatch of the request is: each piece of work finds the session the cookie or
 * an earlier dispatch named, and a session it creates still reaches the client while the response is not committed.
 */
// Each piece of work is a binding of its own, counted in and out: the request's own binding is released when its
// first dispatch returns, which is usually before the async work has even started.
final class AsyncBinder {

    private final SessionRegistry registry;
    private final SessionIdTransports transports;
    private final HttpServletRequest request;
    private final HttpServletResponse response;

    AsyncBinder(SessionRegistry registry, SessionIdTransports transports, HttpServletRequest request,
            HttpServletResponse response) {
        this.registry = registry;
        this.transports = transports;
        this.request = request;
        this.response = response;
    }

    /** Runs the work bound to the request's session, then restores what the thread had bound. */
    void run(Runnable work) {
        RequestSession session = RequestSession.open(registry, transports, request, response);
        Binding binding = Binding.forRequest(registry, session);
        Binding previous = binding.bind();
        try {
            // Nothing touches the response after the work: it may have completed the request, and the container may
            // have recycled the response already. A change of session was written to the response when it was made.
            work.run();
        } finally {
            Binding.restore(previous);
            binding.release();
        }
    }
}
