package io.github.usersession.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A client that sends exactly the cookies a test gives it and shows the Set-Cookie headers it gets back.
 */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    private final URL base;

    public Http(URL base) {
        this.base = base;
    }

    /** GET a path of the application, with an optional Cookie header. */
    public Reply get(String path, String cookieHeader) throws IOException, InterruptedException {
        return send(request(path, cookieHeader).GET());
    }

    public Reply get(String path) throws IOException, InterruptedException {
        return get(path, null);
    }

    /** GET a path of the application with the given request headers (Cookie, Authorization, ...), and no others. */
    public Reply getWith(String path, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path, null);
        headers.forEach(request::header);
        return send(request.GET());
    }

    /**
     * GET a path as a user, with HTTP Basic credentials (none when {@code user} is null) and one more request header
     * (none when {@code value} is null), such as the Cookie or an API header naming the session.
     */
    public Reply getAs(String path, String user, String password, String header, String value)
            throws IOException, InterruptedException {
        Map<String, String> headers = new HashMap<>();
        if (user != null) {
            headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        if (value != null) {
            headers.put(header, value);
        }
        return getWith(path, headers);
    }

    /** POST a form to a path of the application. */
    public Reply post(String path, String form, String cookieHeader) throws IOException, InterruptedException {
        return send(request(path, cookieHeader).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private HttpRequest.Builder request(String path, String cookieHeader) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString() + path))
                .timeout(Duration.ofSeconds(30));
        if (cookieHeader != null) {
            request.header("Cookie", cookieHeader);
        }
        return request;
    }

    private static Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body().strip(),
                response.headers().allValues("Set-Cookie"), response.headers().firstValue("Retry-After").orElse(null),
                response.headers().map());
    }

    /**
     * Sends a GET whose Cookie header is the given raw bytes, which no HTTP client library would send, and returns
     * the status code.
     */
    public int getWithRawCookie(String path, byte[] cookieValue) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + base.getPath() + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nConnection: close\r\nCookie: ").getBytes(StandardCharsets.ISO_8859_1));
            out.write(cookieValue);
            out.write("\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            String statusLine = response.toString(StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    /** What came back; {@code headers} has every header (java.net.http keys them case-insensitively). */
    public record Reply(int status, String body, List<String> setCookies, String retryAfter,
            Map<String, List<String>> headers) {

        /** The first value of a header, or null. */
        public String header(String name) {
            List<String> values = headers.getOrDefault(name, List.of());
            return values.isEmpty() ? null : values.get(0);
        }

        /** The session ID the response issued under the given cookie name, or null. */
        public String issued(String cookieName) {
            for (String cookie : setCookies) {
                if (cookie.startsWith(cookieName + "=") && !cookie.contains("Max-Age=0")) {
                    int end = cookie.indexOf(';');
                    return cookie.substring(cookieName.length() + 1, end < 0 ? cookie.length() : end);
                }
            }
            return null;
        }

        public String issued() {
            return issued("USERSESSION");
        }

        /** The Set-Cookie headers of the session's ID alone, without the version cookie of a shared store. */
        public List<String> sessionCookies() {
            return setCookies.stream().filter(cookie -> cookie.startsWith("USERSESSION=")).toList();
        }

        /** The value of {@code name} in a body of fields written as {@code name=value}, one space apart. */
        public String field(String name) {
            for (String field : body.strip().split(" ")) {
                if (field.startsWith(name + "=")) {
                    return field.substring(name.length() + 1);
                }
            }
            throw new AssertionError("No field " + name + " in the answer: " + body);
        }
    }
}
