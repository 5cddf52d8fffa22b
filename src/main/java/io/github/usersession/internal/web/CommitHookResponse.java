package io.github.usersession.internal.web;

import java.io.IOException;
import java.io.PrintWriter;

import io.github.usersession.internal.Binding;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * A response that runs a hook before anything that may commit it: a redirect, an error, a flush, a close, or the
 * first byte or character of the body. The hook makes session changes, whose cookie could not be sent once the
 * response is committed.
 */
// The first write of the body is taken as the point of commit rather than the write that would overflow the buffer:
// a little early, never late, and with no count of bytes whose encoding the container decides. The hook is the
// request's binding and session side themselves, not callbacks: two objects fewer on every request.
final class CommitHookResponse extends HttpServletResponseWrapper {

    private final Binding binding;
    private final RequestSession session;
    private ServletOutputStream stream;
    private PrintWriter writer;
    private boolean bodyStarted;

    CommitHookResponse(HttpServletResponse response, Binding binding, RequestSession session) {
        super(response);
        this.binding = binding;
        this.session = session;
    }

    /**
     * Makes the changes that running methods ask for, and the shared store's write, while the response can still
     * carry their cookie, and writes the cookie again if the response lost it.
     */
    void beforeCommit() {
        binding.beforeCommit();
        session.deliver();
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        beforeCommit();
        super.sendRedirect(location);
    }

    @Override
    public void sendError(int status) throws IOException {
        beforeCommit();
        super.sendError(status);
    }

    @Override
    public void sendError(int status, String message) throws IOException {
        beforeCommit();
        super.sendError(status, message);
    }

    @Override
    public void flushBuffer() throws IOException {
        beforeCommit();
        super.flushBuffer();
    }

    @Override
    public void reset() {
        super.reset();
        // The headers are gone, but the session changes made so far still stand: the client must learn of them.
        session.deliver();
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (stream == null) {
            stream = new HookedStream(super.getOutputStream());
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (writer == null) {
            writer = new HookedWriter(super.getWriter());
        }
        return writer;
    }

    /** Runs the hook once, before the first byte or character of the body, whichever way it is written. */
    private void beforeBody() {
        if (!bodyStarted) {
            bodyStarted = true;
            beforeCommit();
        }
    }

    /** The body's bytes, with the hook run once before the first of them, and before each flush and the close. */
    private final class HookedStream extends ServletOutputStream {
        private final ServletOutputStream body;

        HookedStream(ServletOutputStream body) {
            this.body = body;
        }

        @Override
        public void write(int b) throws IOException {
            beforeBody();
            body.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            beforeBody();
            body.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            beforeCommit();
            body.flush();
        }

        @Override
        public void close() throws IOException {
            beforeCommit();
            body.close();
        }

        @Override
        public boolean isReady() {
            return body.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            body.setWriteListener(listener);
        }
    }

    /**
     * The body's characters, with the hook run as for {@link HookedStream}: one PrintWriter over the container's, whose
     * print, format and append methods all end in the writes below, except println's line separator.
     */
    private final class HookedWriter extends PrintWriter {

        HookedWriter(PrintWriter body) {
            super(body);
        }

        @Override
        public void write(int c) {
            beforeBody();
            super.write(c);
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            beforeBody();
            super.write(chars, offset, length);
        }

        @Override
        public void write(String text, int offset, int length) {
            beforeBody();
            super.write(text, offset, length);
        }

        @Override
        public void println() {
            beforeBody();
            super.println();
        }

        @Override
        public void flush() {
            beforeCommit();
            super.flush();
        }

        @Override
        public void close() {
            beforeCommit();
            super.close();
        }
    }
}
