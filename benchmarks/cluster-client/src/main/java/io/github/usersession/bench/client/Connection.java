package io.github.usersession.bench.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One keep-alive HTTP/1.1 connection to a node: GET with a Cookie header, the answer's status, Set-Cookie headers and
 * body. Small and cheap on purpose: the client shares the two cores with the servers.
 */
final class Connection implements Closeable {

    /** A response: status, the Set-Cookie header values, the body as text. */
    record Response(int status, List<String> setCookies, String body) {
    }

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    /** Answers read on the current socket: a request on a reused socket that finds it closed is sent again, once. */
    private int served;

    Connection(String host, int port) {
        this.host = host;
        this.port = port;
    }

    Response get(String path, String cookies, int timeoutMillis) throws IOException {
        byte[] request = request(path, cookies);
        if (socket != null && served > 0) {
            try {
                return exchange(request, timeoutMillis);
            } catch (EOFException | java.net.SocketException closedByServer) {
                // The server closed an idle keep-alive connection before reading this request: send it again.
                close();
            }
        }
        return exchange(request, timeoutMillis);
    }

    private Response exchange(byte[] request, int timeoutMillis) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            in = new BufferedInputStream(socket.getInputStream(), 8192);
            out = socket.getOutputStream();
            served = 0;
        }
        socket.setSoTimeout(timeoutMillis);
        try {
            out.write(request);
            out.flush();
            Response response = read();
            served++;
            return response;
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private byte[] request(String path, String cookies) {
        StringBuilder text = new StringBuilder(256).append("GET ").append(path).append(" HTTP/1.1\r\nHost: ")
                .append(host).append(':').append(port).append("\r\n");
        if (cookies != null && !cookies.isEmpty()) {
            text.append("Cookie: ").append(cookies).append("\r\n");
        }
        return text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private Response read() throws IOException {
        String status = line();
        if (status == null) {
            throw new EOFException("connection closed before the answer");
        }
        int code = Integer.parseInt(status.substring(9, 12));
        List<String> setCookies = new ArrayList<>(2);
        int length = -1;
        boolean chunked = false;
        boolean closing = false;
        for (String header = line(); header != null && !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Integer.parseInt(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                chunked = true;
            } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                closing = true;
            } else if (name.equalsIgnoreCase("Set-Cookie")) {
                setCookies.add(value);
            }
        }
        String body;
        if (chunked) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                    size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                buffer.write(in.readNBytes(size));
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
            body = buffer.toString(StandardCharsets.ISO_8859_1);
        } else if (length >= 0) {
            byte[] bytes = in.readNBytes(length);
            if (bytes.length < length) {
                throw new EOFException("body cut short");
            }
            body = new String(bytes, StandardCharsets.ISO_8859_1);
        } else {
            body = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            closing = true;
        }
        if (closing) {
            close();
        }
        return new Response(code, setCookies, body);
    }

    private String line() throws IOException {
        StringBuilder text = new StringBuilder(64);
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                int end = text.length();
                return end > 0 && text.charAt(end - 1) == '\r' ? text.substring(0, end - 1) : text.toString();
            }
            text.append((char) b);
        }
        return text.length() == 0 ? null : text.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
        in = null;
        out = null;
    }
}
