package io.github.usersession.it.cluster.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.github.usersession.SessionHandle;
import io.github.usersession.UserSessions;
import io.github.usersession.it.app.Account;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Plain-text endpoints of the cluster tests, {@code /c/*}: each does one thing to the session and prints fields as
 * {@code name=value}, one space apart (lists joined by commas). {@code members}, {@code grid} and {@code count}
 * use no session.
 */
@WebServlet(urlPatterns = "/c/*", asyncSupported = true)
public class ClusterServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    Basket basket;

    @Inject
    Profile profile;

    @Inject
    Cart cart;

    @Inject
    Account account;

    @Inject
    UserSessions sessions;

    @Inject
    Counters counters;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        String value = request.getParameter("value");
        switch (path) {
            case "/members" -> members(response.getWriter());
            case "/grid" -> grid(response.getWriter());
            case "/count" -> response.getWriter().println("count=" + counters.get(request.getParameter("name")));
            case "/counts" -> counters.startingWith(request.getParameter("prefix"))
                    .forEach((name, count) -> printf(response, "%s %d%n", name, count));
            case "/sessions" -> response.getWriter().println("sessions=" + sessions.count());
            case "/add" -> {
                basket.add(value);
                response.getWriter().println("items=" + items());
            }
            case "/items" -> response.getWriter().println("items=" + items());
            case "/note" -> {
                profile.add(value);
                response.getWriter().println("notes=" + notes());
            }
            case "/state" -> state(response.getWriter());
            case "/slow" -> slow(request, response);
            case "/login" -> {
                account.login(value);
                response.getWriter().println("user=" + account.user());
            }
            case "/logout" -> {
                account.logout();
                response.getWriter().println("ended=" + !sessions.exists());
            }
            case "/redirect" -> {
                basket.add(value);
                response.sendRedirect("state");
            }
            case "/error" -> {
                basket.add(value);
                response.sendError(HttpServletResponse.SC_CONFLICT, "changed, then an error status");
            }
            case "/flush" -> {
                basket.add(value);
                response.getWriter().println("items=" + items());
                response.flushBuffer();
                sleep(500);
                response.getWriter().println("after=flush");
            }
            case "/async" -> {
                basket.add(value);
                String items = items();
                AsyncContext async = request.startAsync();
                CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(() -> {
                    try {
                        async.getResponse().getWriter().println("items=" + items);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    } finally {
                        async.complete();
                    }
                });
            }
            case "/unserializable" -> {
                basket.items();
                cart.add(new Item(value, new Supplier("acme")));
                response.getWriter().println("cart=" + cart.size());
            }
            default -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    private String items() {
        return String.join(",", basket.items());
    }

    private String notes() {
        return String.join(",", profile.notes());
    }

    private void state(PrintWriter out) {
        out.println("trace=" + sessions.current().map(SessionHandle::traceId).orElse("none") + " items=" + items()
                + " notes=" + notes() + " user=" + account.user());
    }

    /**
     * Changes one bean ({@code bean=basket} or {@code profile}), optionally reads the other ({@code read=both}),
     * then holds the request open for {@code ms} before it ends, so that two requests overlap.
     */
    private void slow(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean both = "both".equals(request.getParameter("read"));
        if ("basket".equals(request.getParameter("bean"))) {
            basket.add(request.getParameter("value"));
            if (both) {
                profile.notes();
            }
        } else {
            profile.add(request.getParameter("value"));
            if (both) {
                basket.items();
            }
        }
        sleep(Long.parseLong(request.getParameter("ms")));
        response.getWriter().println("items=" + items() + " notes=" + notes());
    }

    private static HazelcastInstance hazelcast() {
        try {
            return (HazelcastInstance) new InitialContext().lookup("payara/Hazelcast");
        } catch (NamingException e) {
            throw new IllegalStateException("No Hazelcast at payara/Hazelcast", e);
        }
    }

    /** The node's view of the cluster; local, it answers at once even while a member is dying. */
    private static void members(PrintWriter out) {
        HazelcastInstance hazelcast = hazelcast();
        out.println("members=" + hazelcast.getCluster().getMembers().size()
                + " partitionGroups=" + hazelcast.getConfig().getPartitionGroupConfig().isEnabled()
                + " cluster=" + hazelcast.getConfig().getClusterName());
    }

    /**
     * Whether every partition has its backups in sync (it asks the other members, so it can block while one is
     * dying), then every map of the grid: entries, this node's share, its backups and the configured backup counts.
     */
    private static void grid(PrintWriter out) {
        HazelcastInstance hazelcast = hazelcast();
        out.println("safe=" + hazelcast.getPartitionService().isClusterSafe());
        for (DistributedObject object : hazelcast.getDistributedObjects()) {
            if (object instanceof IMap<?, ?> map) {
                var stats = map.getLocalMapStats();
                out.println("map=" + map.getName() + " size=" + map.size() + " owned=" + stats.getOwnedEntryCount()
                        + " backups=" + stats.getBackupEntryCount()
                        + " backupCount=" + hazelcast.getConfig().getMapConfig(map.getName()).getBackupCount()
                        + " asyncBackupCount="
                        + hazelcast.getConfig().getMapConfig(map.getName()).getAsyncBackupCount());
            }
        }
    }

    private static void printf(HttpServletResponse response, String format, Object... args) {
        try {
            response.getWriter().printf(format, args);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
