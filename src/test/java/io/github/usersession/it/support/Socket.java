package io.github.usersession.it.support;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real WebSocket client (the JDK's) that sends exactly the cookie a test gives it and queues what it receives.
 */
public final class Socket implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private Socket(URI uri, String cookieHeader) throws Exception {
        WebSocket.Builder builder = CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (cookieHeader != null) {
            builder.header("Cookie", cookieHeader);
        }
        socket = builder.buildAsync(uri, new Listener()).get(30, TimeUnit.SECONDS);
    }

    /** Opens the application's WebSocket at the path, with an optional Cookie header. */
    public static Socket open(URL base, String path, String cookieHeader) throws Exception {
        return new Socket(URI.create(base.toString().replaceFirst("^http", "ws") + path), cookieHeader);
    }

    /** The next text message, waiting at most 30 s. */
    public String next() throws InterruptedException {
        String message = received.poll(30, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("No message within 30 s; closed: " + closed.getNow("no"));
        }
        return message;
    }

    /** Sends a text and returns the answer. */
    public String ask(String text) throws Exception {
        socket.sendText(text, true).get(30, TimeUnit.SECONDS);
        return next();
    }

    /** The server's close frame as "code reason", waiting at most 30 s for it. */
    public String awaitClose() throws Exception {
        return closed.get(30, TimeUnit.SECONDS);
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** Closes the connection normally, unless the server closed it already; waits at most 30 s. */
    @Override
    public void close() {
        if (socket.isOutputClosed()) {
            return;
        }
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The WebSocket did not close: " + e, e);
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                received.add(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
