package io.github.usersession.internal.web;

import java.io.IOException;

import io.github.usersession.internal.Binding;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The request the filter passes on: the place to follow what an application does to its request that concerns its
 * session. A login or an authentication that succeeds binds the session to its user at once (renewing its ID), while
 * the response can still carry the new ID; a logout ends the session unless {@code usersession.end-on-logout} is off.
 */
final class BoundRequest extends HttpServletRequestWrapper {

    private final HttpServletResponse response;
    private final UserSessionFilter filter;
    private final Binding binding;
    private final boolean endOnLogout;

    BoundRequest(HttpServletRequest request, HttpServletResponse response, UserSessionFilter filter, Binding binding,
            boolean endOnLogout) {
        super(request);
        this.response = response;
        this.filter = filter;
        this.binding = binding;
        this.endOnLogout = endOnLogout;
    }

    @Override
    public AsyncContext startAsync() {
        return bound(super.startAsync());
    }

    @Override
    public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
        return bound(super.startAsync(request, response));
    }

    @Override
    public AsyncContext getAsyncContext() {
        return bound(super.getAsyncContext());
    }

    /** The context, with its work bound to the request's session; made only for async requests, which are few. */
    private AsyncContext bound(AsyncContext context) {
        return new BoundAsyncContext(context, filter.asyncBinder((HttpServletRequest) getRequest(), response));
    }

    @Override
    public void login(String username, String password) throws ServletException {
        super.login(username, password);
        binding.checkPrincipal();
    }

    @Override
    public boolean authenticate(HttpServletResponse response) throws IOException, ServletException {
        boolean authenticated = super.authenticate(response);
        if (authenticated) {
            binding.checkPrincipal();
        }
        return authenticated;
    }

    @Override
    public void logout() throws ServletException {
        super.logout();
        if (endOnLogout) {
            binding.end();
        }
    }
}
