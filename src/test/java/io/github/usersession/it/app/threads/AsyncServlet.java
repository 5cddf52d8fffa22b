package io.github.usersession.it.app.threads;

import java.io.IOException;

import io.github.usersession.it.app.ItemCart;
import io.github.usersession.it.app.Lifecycle;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Servlet async processing: work given to {@code AsyncContext.start}, listener callbacks (recorded in the
 * {@link Lifecycle} under the request's {@code token}) and an ASYNC dispatch, each showing what it saw of the session.
 */
@WebServlet(urlPatterns = "/a/*", asyncSupported = true)
public class AsyncServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    ItemCart cart;

    @Inject
    Lifecycle lifecycle;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            response.getWriter().print("dispatched " + Work.describe(cart));
            return;
        }
        String token = request.getParameter("token");
        AsyncContext async = request.startAsync();
        switch (request.getPathInfo()) {
            case "/start" -> async.start(() -> write(async, Work.describe(cart)));
            case "/start-new" -> async.start(() -> write(async, Work.attempt(() -> {
                cart.add("async");
                return "items=" + cart.items();
            })));
            case "/listener" -> {
                async.addListener(new Recording(token));
                async.start(() -> write(async, "started"));
            }
            case "/timeout" -> {
                async.addListener(new Recording(token));
                async.setTimeout(300);
            }
            case "/dispatch" -> async.dispatch();
            default -> write(async, "no such path");
        }
    }

    private static void write(AsyncContext async, String body) {
        try {
            async.getResponse().getWriter().print(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            async.complete();
        }
    }

    /** Records what each callback sees of the session. */
    private final class Recording implements AsyncListener {
        private final String token;

        Recording(String token) {
            this.token = token;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            lifecycle.record("listener " + token + " complete: " + Work.describe(cart));
        }

        @Override
        public void onTimeout(AsyncEvent event) throws IOException {
            lifecycle.record("listener " + token + " timeout: " + Work.describe(cart));
            event.getAsyncContext().getResponse().getWriter().print("timed out");
            event.getAsyncContext().complete();
        }

        @Override
        public void onError(AsyncEvent event) {
            lifecycle.record("listener " + token + " error: " + Work.describe(cart));
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            lifecycle.record("listener " + token + " restarted: " + Work.describe(cart));
        }
    }
}
