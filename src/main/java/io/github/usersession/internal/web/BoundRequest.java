package io.github.usersession.internal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * The request the filter passes on: the place to follow what an application does to its request that concerns its
 * session (starting async work, logging in or out).
 */
final class BoundRequest extends HttpServletRequestWrapper {

    BoundRequest(HttpServletRequest request) {
        super(request);
    }
}
