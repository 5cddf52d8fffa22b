package io.github.usersession.it.app.store;

import java.io.IOException;

import io.github.usersession.UserSessions;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Endpoints of the store tests: add, read, renew and end, each printing what the test checks. */
@WebServlet("/h/*")
public class BasketServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    Basket basket;

    @Inject
    UserSessions sessions;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        switch (path) {
            case "/add" -> basket.add(request.getParameter("item"));
            case "/renew" -> sessions.renewId();
            case "/end" -> sessions.end();
            case "/count" -> {
                response.getWriter().println("count=" + sessions.count());
                return;
            }
            default -> {
                if (!path.equals("/items")) {
                    response.sendError(HttpServletResponse.SC_NOT_FOUND);
                    return;
                }
            }
        }
        response.getWriter().println("items=" + basket.items() + " live=" + sessions.exists());
    }
}
