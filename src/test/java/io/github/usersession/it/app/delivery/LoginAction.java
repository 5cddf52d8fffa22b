package io.github.usersession.it.app.delivery;

import java.io.IOException;
import java.io.PrintWriter;

import io.github.usersession.Logout;
import io.github.usersession.RenewSessionId;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Login and logout written the common way: the method itself answers the request (a redirect after the POST, or a
 * body it flushes), so the response is committed before the interceptor renews or ends the session.
 */
@RequestScoped
public class LoginAction {

    @Inject
    Member member;

    @Inject
    HttpServletRequest request;

    @Inject
    Recorder recorder;

    /** Signs the user in, then commits the response as {@code commit} says: redirect, flush or write. */
    @RenewSessionId
    public void login(String user, HttpServletResponse response, String commit) throws IOException {
        member.signIn(user);
        commit(response, commit, "home");
        probe(response, commit);
    }

    /** Logs out; touches no bean, so that a request whose cookie names no session does not start one. */
    @Logout
    public void logout(HttpServletResponse response, String commit) throws IOException {
        commit(response, commit, "bye");
        probe(response, commit);
    }

    /** A renewal that takes a while, as a login that checks a password does: the window a racing logout hits. */
    @RenewSessionId
    public void renewSlowly(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    /**
     * What the server says of the response when the method returns, just before the interceptor acts, and whether
     * a header added now still reaches the client (the test prints X-After-Commit).
     */
    private void probe(HttpServletResponse response, String commit) {
        response.addHeader("X-After-Commit", commit);
        ProbeFilter.note(request, recorder, "after " + commit + " committed=" + response.isCommitted()
                + " set-cookie=" + ProbeFilter.ours(response) + " x-after-commit="
                + response.getHeaders("X-After-Commit"));
    }

    private static void commit(HttpServletResponse response, String commit, String redirectTo) throws IOException {
        switch (commit == null ? "none" : commit) {
            case "redirect" -> response.sendRedirect(redirectTo);
            case "flush" -> response.flushBuffer();
            case "write" -> {
                PrintWriter out = response.getWriter();
                out.println("welcome");
                out.flush();
            }
            default -> {
            }
        }
    }
}
