package io.github.usersession.it.app;

import java.io.IOException;
import java.io.PrintWriter;

import io.github.usersession.SessionHandle;
import io.github.usersession.UserSessions;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Plain-text endpoints for the in-container tests: each path does one thing to the session and prints what the
 * test needs to see.
 */
@WebServlet("/s/*")
public class SessionServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    ItemCart cart;

    @Inject
    SlowBean slow;

    @Inject
    Account account;

    @Inject
    UserSessions sessions;

    @Inject
    Lifecycle lifecycle;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        PrintWriter out = response.getWriter();
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        switch (path) {
            case "/none" -> out.println("exists=" + sessions.exists());
            case "/add" -> {
                cart.add(request.getParameter("item"));
                out.println("items=" + cart.items());
            }
            case "/items" -> out.println("items=" + cart.items());
            case "/whoami" -> out.println("trace=" + sessions.current().map(SessionHandle::traceId).orElse("none")
                    + " cart=" + cart.instance() + " user=" + account.user());
            case "/slow" -> out.println("slow=" + slow.describe());
            case "/login" -> {
                account.login(request.getParameter("user"));
                out.println("user=" + account.user());
            }
            case "/logout" -> {
                account.logout();
                out.println("ended=" + !sessions.exists() + " items=" + cart.items());
            }
            case "/failing-logout" -> {
                try {
                    account.failingLogout();
                } catch (IllegalStateException expected) {
                    out.println("failed exists=" + sessions.exists());
                }
            }
            case "/count" -> out.println("count=" + sessions.count());
            case "/lifecycle" -> lifecycle.records().forEach(out::println);
            default -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }
}
