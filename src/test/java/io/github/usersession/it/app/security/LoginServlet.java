package io.github.usersession.it.app.security;

import java.io.IOException;

import io.github.usersession.SessionHandle;
import io.github.usersession.UserSessions;
import io.github.usersession.it.app.ItemCart;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A login form's action: {@code /login/now} signs in before writing anything, {@code /login/late} only after the
 * response has been committed. Both print the status, the request's user and the session's owner and items.
 */
@WebServlet("/login/*")
public class LoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    SecurityContext security;

    @Inject
    ItemCart cart;

    @Inject
    UserSessions sessions;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        String items = String.join(",", cart.items());
        if ("/late".equals(request.getPathInfo())) {
            response.flushBuffer();
        }
        AuthenticationStatus status = security.authenticate(request, response, AuthenticationParameters.withParams()
                .credential(new UsernamePasswordCredential(request.getParameter("user"),
                        new Password(request.getParameter("password")))));
        response.getWriter().println("status=" + status + " user=" + (request.getUserPrincipal() == null ? "none"
                : request.getUserPrincipal().getName()) + " owner="
                + sessions.current().flatMap(SessionHandle::principal).orElse("none") + " items=" + items);
    }
}
