package io.github.usersession.internal.web;

import java.io.IOException;

import io.github.usersession.internal.Binding;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The request the filter passes on: the place to follow what an application does to its request that concerns its
 * session. A login or an authentication that succeeds binds the session to its user at once (renewing its ID), while
 * the response can still carry the new ID; a logout ends the session unless {@code usersession.end-on-logout} is off.
 */
final class BoundRequest extends HttpServletRequestWrapper {

    private final Binding binding;
    private final boolean endOnLogout;

    BoundRequest(HttpServletRequest request, Binding binding, boolean endOnLogout) {
        super(request);
        this.binding = binding;
        this.endOnLogout = endOnLogout;
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
