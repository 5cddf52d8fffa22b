package io.github.usersession.internal.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The request the filter passes on: the place to follow what an application does to its request that concerns its
 * session (starting async work, logging in or out).
 */
final class BoundRequest extends HttpServletRequestWrapper {

    private final HttpServletResponse response;
    private final UserSessionFilter filter;

    BoundRequest(HttpServletRequest request, HttpServletResponse response, UserSessionFilter filter) {
        super(request);
        this.response = response;
        this.filter = filter;
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
}
