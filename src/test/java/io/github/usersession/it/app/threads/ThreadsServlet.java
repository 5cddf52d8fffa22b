package io.github.usersession.it.app.threads;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import io.github.usersession.UserSessions;
import io.github.usersession.it.app.ItemCart;
import io.github.usersession.it.app.Lifecycle;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ContextServiceDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Hands the request's session to other threads in every way the library supports, and answers with what the task
 * saw (see {@link Work}); {@code /t/later} and {@code /t/hold} record it in the {@link Lifecycle} instead.
 */
@ContextServiceDefinition(name = "java:app/concurrent/WithUserSession",
        propagated = {ContextServiceDefinition.APPLICATION, "UserSession"}, cleared = {}, unchanged = {})
@ContextServiceDefinition(name = "java:app/concurrent/Remaining")
@ContextServiceDefinition(name = "java:app/concurrent/UserSessionUnchanged",
        propagated = ContextServiceDefinition.APPLICATION, cleared = {}, unchanged = "UserSession")
@ManagedExecutorDefinition(name = "java:app/concurrent/OneThread", maxAsync = 1,
        context = "java:app/concurrent/Remaining")
@ManagedExecutorDefinition(name = "java:app/concurrent/OneThreadUnchanged", maxAsync = 1,
        context = "java:app/concurrent/UserSessionUnchanged")
@WebServlet("/t/*")
public class ThreadsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ContextService defaultContextService;

    @Resource
    ManagedThreadFactory threadFactory;

    @Inject
    ItemCart cart;

    @Inject
    Reports reports;

    @Inject
    UserSessions sessions;

    @Inject
    Lifecycle lifecycle;

    @Inject
    Gates gates;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        response.setContentType("text/plain;charset=UTF-8");
        try {
            response.getWriter().print(answer(request.getPathInfo(), request));
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private String answer(String path, HttpServletRequest request) throws Exception {
        Callable<String> describe = () -> Work.describe(cart);
        String token = request.getParameter("token");
        return switch (path) {
            case "/executor" -> executor.submit(describe).get(30, TimeUnit.SECONDS);
            case "/scheduler" -> scheduler.schedule(describe, 50, TimeUnit.MILLISECONDS).get(30, TimeUnit.SECONDS);
            case "/asynchronous" -> reports.items().get(30, TimeUnit.SECONDS);
            case "/context-service" -> onNewThread(contextService(request.getParameter("name"))
                    .contextualCallable(describe));
            case "/default-context-service" -> onNewThread(defaultContextService.contextualCallable(describe));
            case "/thread-factory" -> {
                FutureTask<String> task = new FutureTask<>(describe);
                threadFactory.newThread(task).start();
                yield task.get(30, TimeUnit.SECONDS);
            }
            case "/wrapped" -> {
                String common = CompletableFuture.supplyAsync(sessions.contextualSupplier(() -> Work.describe(cart)))
                        .get(30, TimeUnit.SECONDS);
                ExecutorService plain = Executors.newSingleThreadExecutor();
                try {
                    yield common + " | " + plain.submit(sessions.contextualCallable(describe)).get(30,
                            TimeUnit.SECONDS);
                } finally {
                    plain.shutdown();
                }
            }
            case "/one-thread" -> executor("java:app/concurrent/OneThread")
                    .submit(() -> Work.onThread(describe)).get(30, TimeUnit.SECONDS);
            case "/one-thread-unchanged" -> {
                // The executor leaves the user session as the thread has it: only the proxy binds, and the next
                // task sees whether the thread kept the session.
                ManagedExecutorService oneThread = executor("java:app/concurrent/OneThreadUnchanged");
                Callable<String> carried = contextService("java:app/concurrent/WithUserSession")
                        .contextualCallable(() -> Work.onThread(describe));
                String first = oneThread.submit(carried).get(30, TimeUnit.SECONDS);
                yield first + " || " + oneThread.submit(() -> Work.onThread(() -> "active="
                        + sessions.isActive())).get(30, TimeUnit.SECONDS);
            }
            case "/later" -> {
                scheduler.schedule(() -> lifecycle.record("task " + token + ": " + Work.describe(cart)),
                        Long.parseLong(request.getParameter("delay")), TimeUnit.MILLISECONDS);
                yield "scheduled";
            }
            case "/hold" -> {
                executor.submit(() -> {
                    lifecycle.record("task " + token + " before: " + Work.describe(cart));
                    if (!gates.await(token)) {
                        lifecycle.record("task " + token + " was never released");
                    }
                    lifecycle.record("task " + token + " after: " + Work.attempt(() -> {
                        cart.add("after");
                        return "items=" + cart.items();
                    }));
                    return null;
                });
                yield "submitted";
            }
            case "/release" -> {
                gates.open(token);
                yield "released";
            }
            default -> "no such path " + path;
        };
    }

    private static String onNewThread(Callable<String> task) throws Exception {
        FutureTask<String> future = new FutureTask<>(task);
        new Thread(future, "unmanaged").start();
        return future.get(30, TimeUnit.SECONDS);
    }

    private static ContextService contextService(String name) throws NamingException {
        return (ContextService) new InitialContext().lookup(name);
    }

    private static ManagedExecutorService executor(String name) throws NamingException {
        return (ManagedExecutorService) new InitialContext().lookup(name);
    }
}
