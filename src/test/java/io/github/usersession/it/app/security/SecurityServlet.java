package io.github.usersession.it.app.security;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.security.Principal;

import javax.management.JMException;
import javax.management.ObjectName;

import io.github.usersession.SessionHandle;
import io.github.usersession.UserSessions;
import io.github.usersession.it.app.ItemCart;
import io.github.usersession.it.app.Lifecycle;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Plain-text endpoints about who owns the session, for the in-container tests: each prints {@code name=value} fields.
 */
@WebServlet("/sec/*")
public class SecurityServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    ItemCart cart;

    @Inject
    UserSessions sessions;

    @Inject
    Lifecycle lifecycle;

    @Inject
    RejectionCounter rejections;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        response.setContentType("text/plain;charset=UTF-8");
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        String user = request.getParameter("user");
        switch (path) {
            case "/add" -> {
                cart.add(request.getParameter("item"));
                response.getWriter().println(whoami(request));
            }
            case "/whoami" -> response.getWriter().println(whoami(request));
            case "/exists" -> response.getWriter().println("exists=" + sessions.exists());
            case "/find" -> response.getWriter().println("sessions=" + sessions.findByPrincipal(user).size());
            case "/end-all" -> response.getWriter().println("ended=" + sessions.endAll(user));
            case "/logout" -> {
                request.logout();
                response.getWriter().println("exists=" + sessions.exists());
            }
            case "/rejections" -> response.getWriter().println("rejections=" + rejections.count() + " last="
                    + rejections.last());
            case "/mbean" -> mbean(request, response.getWriter());
            case "/lifecycle" -> lifecycle.records().forEach(response.getWriter()::println);
            default -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    private String whoami(HttpServletRequest request) {
        // The cart first: after another user's session ended, using it starts this user's session.
        String items = String.join(",", cart.items());
        Principal principal = request.getUserPrincipal();
        return "user=" + (principal == null ? "none" : principal.getName())
                + " owner=" + sessions.current().flatMap(SessionHandle::principal).orElse("none")
                + " items=" + items + " cart=" + cart.instance()
                + " trace=" + sessions.current().map(SessionHandle::traceId).orElse("none");
    }

    private static void mbean(HttpServletRequest request, PrintWriter out) throws IOException {
        try {
            String path = request.getContextPath().isEmpty() ? "/" : request.getContextPath();
            ObjectName name = new ObjectName("io.github.usersession:type=UserSessions,context=" + path);
            StringBuilder line = new StringBuilder();
            for (var attribute : ManagementFactory.getPlatformMBeanServer().getMBeanInfo(name).getAttributes()) {
                line.append(attribute.getName()).append('=')
                        .append(ManagementFactory.getPlatformMBeanServer().getAttribute(name, attribute.getName()))
                        .append(' ');
            }
            out.println(line.toString().strip());
        } catch (JMException e) {
            throw new IOException(e);
        }
    }
}
