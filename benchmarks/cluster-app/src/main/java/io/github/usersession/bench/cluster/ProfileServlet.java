package io.github.usersession.bench.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code GET …/read} reads the bean, {@code GET …/write} changes it; the answer is its version and a check. */
abstract class ProfileServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    abstract String read();

    abstract String change();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String answer = request.getServletPath().endsWith("/write") ? change() : read();
        byte[] body = answer.getBytes(StandardCharsets.US_ASCII);
        response.setContentType("text/plain;charset=US-ASCII");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
