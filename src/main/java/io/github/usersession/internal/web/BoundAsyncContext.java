package io.github.usersession.internal.web;

import java.io.IOException;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

/**
 * The container's {@link AsyncContext}, whose {@link #start} tasks and listener callbacks run bound to the request's
 * user session. ASYNC dispatches pass the filter again and are bound there.
 */
final class BoundAsyncContext implements AsyncContext {

    private final AsyncContext context;
    private final AsyncBinder binder;

    BoundAsyncContext(AsyncContext context, AsyncBinder binder) {
        this.context = context;
        this.binder = binder;
    }

    @Override
    public void start(Runnable task) {
        context.start(() -> binder.run(task));
    }

    @Override
    public void addListener(AsyncListener listener) {
        context.addListener(new BoundListener(listener));
    }

    @Override
    public void addListener(AsyncListener listener, ServletRequest request, ServletResponse response) {
        context.addListener(new BoundListener(listener), request, response);
    }

    @Override
    public ServletRequest getRequest() {
        return context.getRequest();
    }

    @Override
    public ServletResponse getResponse() {
        return context.getResponse();
    }

    @Override
    public boolean hasOriginalRequestAndResponse() {
        return context.hasOriginalRequestAndResponse();
    }

    @Override
    public void dispatch() {
        context.dispatch();
    }

    @Override
    public void dispatch(String path) {
        context.dispatch(path);
    }

    @Override
    public void dispatch(ServletContext servletContext, String path) {
        context.dispatch(servletContext, path);
    }

    @Override
    public void complete() {
        context.complete();
    }

    @Override
    public <T extends AsyncListener> T createListener(Class<T> type) throws ServletException {
        return context.createListener(type);
    }

    @Override
    public void setTimeout(long timeoutMillis) {
        context.setTimeout(timeoutMillis);
    }

    @Override
    public long getTimeout() {
        return context.getTimeout();
    }

    /** The application's listener, called bound and with an event whose context binds too. */
    private final class BoundListener implements AsyncListener {
        private final AsyncListener listener;

        BoundListener(AsyncListener listener) {
            this.listener = listener;
        }

        @Override
        public void onComplete(AsyncEvent event) throws IOException {
            call(() -> listener.onComplete(bound(event)));
        }

        @Override
        public void onTimeout(AsyncEvent event) throws IOException {
            call(() -> listener.onTimeout(bound(event)));
        }

        @Override
        public void onError(AsyncEvent event) throws IOException {
            call(() -> listener.onError(bound(event)));
        }

        @Override
        public void onStartAsync(AsyncEvent event) throws IOException {
            // A listener that wants the next cycle too adds itself again through the event's context: ours, so that
            // it stays bound.
            call(() -> listener.onStartAsync(bound(event)));
        }

        private AsyncEvent bound(AsyncEvent event) {
            AsyncContext next = event.getAsyncContext();
            AsyncContext context = next == null || next instanceof BoundAsyncContext ? next
                    : new BoundAsyncContext(next, binder);
            return new AsyncEvent(context, event.getSuppliedRequest(), event.getSuppliedResponse(),
                    event.getThrowable());
        }

        private void call(Callback callback) throws IOException {
            IOException[] failure = new IOException[1];
            binder.run(() -> {
                try {
                    callback.call();
                } catch (IOException e) {
                    failure[0] = e;
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
        }
    }

    /** A listener callback. */
    private interface Callback {
        void call() throws IOException;
    }
}
