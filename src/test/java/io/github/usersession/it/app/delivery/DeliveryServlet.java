package io.github.usersession.it.app.delivery;

import java.io.IOException;
import java.io.PrintWriter;

import io.github.usersession.UserSessions;
import jakarta.inject.Inject;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The endpoints of issue 9: each path creates, renews or ends a session the way an application would, or reports
 * what the server holds, in plain text.
 */
@WebServlet("/d/*")
public class DeliveryServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    Member member;

    @Inject
    Audit audit;

    @Inject
    LoginAction login;

    @Inject
    UserSessions sessions;

    @Inject
    Recorder recorder;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        response.setContentType("text/plain;charset=UTF-8");
        // An included servlet sees the including request's path; its own is in this attribute.
        Object included = request.getAttribute(RequestDispatcher.INCLUDE_PATH_INFO);
        String path = included != null ? included.toString()
                : request.getPathInfo() == null ? "/" : request.getPathInfo();
        switch (path) {
            case "/start" -> {
                // The member first, then the audit: the member is destroyed first and still finds the audit alive.
                member.signIn(request.getParameter("user"));
                audit.add("start");
                response.getWriter().println("member=" + member.instance() + " audit=" + audit.instance());
            }
            case "/whoami", "/home", "/bye" -> response.getWriter().println(sessions.exists()
                    ? "exists=true user=" + member.user() + " member=" + member.instance() : "exists=false");
            case "/count" -> response.getWriter().println("count=" + sessions.count());
            case "/recorder" -> recorder.lines().forEach(response.getWriter()::println);
            case "/login" -> login(request, response);
            case "/logout" -> {
                login.logout(response, request.getParameter("commit"));
                response.getWriter().println("ended=" + !sessions.exists());
            }
            case "/end" -> {
                sessions.end();
                response.getWriter().println("ended=" + !sessions.exists());
            }
            case "/renew" -> {
                // Bound to the session from the start, as a login form's request is; the renewal comes at the end.
                String user = member.user();
                try {
                    login.renewSlowly(Long.parseLong(request.getParameter("sleep")));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ServletException(e);
                }
                response.getWriter().println("renewed user=" + user + " exists=" + sessions.exists());
            }
            case "/throw" -> {
                member.signIn("thrower");
                throw new IllegalStateException("thrown on purpose after the session's first use");
            }
            case "/throw-to-error-page" -> {
                member.signIn("thrower");
                throw new ShownFailure("thrown on purpose after the session's first use, to the error page");
            }
            case "/error" -> {
                // Shows whether a header set by the error page itself reaches the client.
                response.addHeader("X-Error-Page", "set in the " + request.getDispatcherType() + " dispatch");
                response.getWriter().println("error-page dispatch=" + request.getDispatcherType() + " exists="
                        + sessions.exists() + " set-cookie=" + ProbeFilter.ours(response));
            }
            case "/outer" -> {
                request.getRequestDispatcher("/d/inner").include(request, response);
                response.getWriter().println("outer set-cookie=" + ProbeFilter.ours(response));
            }
            case "/inner" -> {
                member.signIn("included");
                response.getWriter().println("inner member=" + member.instance());
            }
            case "/commit-then-use" -> {
                PrintWriter out = response.getWriter();
                out.println("early");
                response.flushBuffer();
                try {
                    member.signIn("too late");
                    out.println("used");
                } catch (RuntimeException e) {
                    out.println("failed=" + e.getClass().getName() + ": " + e.getMessage());
                }
            }
            default -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    private void login(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String commit = request.getParameter("commit");
        if ("redirect".equals(commit)) {
            // As an application writes it: nothing caught, so what the library throws is what the client gets.
            login.login(request.getParameter("user"), response, commit);
            return;
        }
        // The body is on its way already; a failure is written after it, for the test to read.
        try {
            login.login(request.getParameter("user"), response, commit);
            response.getWriter().println("signed-in");
        } catch (RuntimeException e) {
            response.getWriter().println("failed=" + e.getClass().getName() + ": " + e.getMessage());
        }
    }
}
