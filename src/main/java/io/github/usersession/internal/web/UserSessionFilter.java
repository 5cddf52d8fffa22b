package io.github.usersession.internal.web;

import java.io.IOException;

import io.github.usersession.SessionLimitException;
import io.github.usersession.internal.Binding;
import io.github.usersession.internal.SessionRegistry;
import io.github.usersession.internal.rest.SessionLimitExceptionMapper;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Where a request enters: binds it to its user session for exactly the time it runs, makes session changes before
 * its response commits, and answers a request that would exceed the session cap with 503 (the same answer as
 * {@link SessionLimitExceptionMapper} gives in JAX-RS).
 */
public final class UserSessionFilter implements Filter {

    private final SessionRegistry registry;
    private final SessionIdTransports transports;
    private final boolean endOnLogout;

    UserSessionFilter(SessionRegistry registry) {
        this.registry = registry;
        this.transports = new SessionIdTransports(registry.config(), registry.versionsServe());
        this.endOnLogout = registry.config().endOnLogout();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse httpResponse)
                || Binding.current() != null) {
            // Not HTTP, or a dispatch within a request that is bound already.
            chain.doFilter(request, response);
            return;
        }
        RequestSession session = RequestSession.open(registry, transports, http, httpResponse);
        Binding binding = Binding.forRequest(registry, session);
        CommitHookResponse hooked = new CommitHookResponse(httpResponse, binding, session);
        binding.bind();
        try {
            chain.doFilter(new BoundRequest(http, httpResponse, this, binding, endOnLogout), hooked);
            // The user may have signed in during the request; with a shared store, the request's changes are written
            // now, before the container completes the response. A change made inside an include may have been
            // dropped by the server; the response can still carry it.
            hooked.beforeCommit();
        } catch (IOException | ServletException | RuntimeException e) {
            if (!(causedByLimit(e) && refuse(httpResponse))) {
                throw e;
            }
        } finally {
            Binding.restore(null);
            binding.release();
        }
    }

    /** What binds the async work of a request to its session. */
    AsyncBinder asyncBinder(HttpServletRequest request, HttpServletResponse response) {
        return new AsyncBinder(registry, transports, request, response);
    }

    private static boolean causedByLimit(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SessionLimitException) {
                return true;
            }
        }
        return false;
    }

    private static boolean refuse(HttpServletResponse response) throws IOException {
        if (response.isCommitted()) {
            return false;
        }
        response.reset();
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", String.valueOf(SessionLimitExceptionMapper.RETRY_AFTER_SECONDS));
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(SessionLimitExceptionMapper.MESSAGE);
        return true;
    }
}
