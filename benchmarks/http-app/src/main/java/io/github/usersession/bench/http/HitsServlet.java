package io.github.usersession.bench.http;

import java.io.IOException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The same work in each endpoint: one call on a bean of the endpoint's scope, and a short plain-text answer. */
abstract class HitsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    abstract long hit();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long hits = hit();
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().print("hits=" + hits + "\n");
    }
}
