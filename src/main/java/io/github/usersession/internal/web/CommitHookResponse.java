package io.github.usersession.internal.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

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
// a little early, never late, and with no count of bytes whose encoding the container decides.
final class CommitHookResponse extends HttpServletResponseWrapper {

    private final Runnable beforeCommit;
    private final Runnable afterReset;
    private ServletOutputStream stream;
    private PrintWriter writer;
    private boolean bodyStarted;

    CommitHookResponse(HttpServletResponse response, Runnable beforeCommit, Runnable afterReset) {
        super(response);
        this.beforeCommit = beforeCommit;
        this.afterReset = afterReset;
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        beforeCommit.run();
        super.sendRedirect(location);
    }

    @Override
    public void sendError(int status) throws IOException {
        beforeCommit.run();
        super.sendError(status);
    }

    @Override
    public void sendError(int status, String message) throws IOException {
        beforeCommit.run();
        super.sendError(status, message);
    }

    @Override
    public void flushBuffer() throws IOException {
        beforeCommit.run();
        super.flushBuffer();
    }

    @Override
    public void reset() {
        super.reset();
        // The headers are gone, but the session changes made so far still stand: the client must learn of them.
        afterReset.run();
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
            PrintWriter body = super.getWriter();
            writer = new PrintWriter(new HookedWriter(body)) {
                @Override
                public boolean checkError() {
                    return super.checkError() || body.checkError();
                }
            };
        }
        return writer;
    }

    /** Runs the hook once, before the first byte or character of the body, whichever way it is written. */
    private void beforeBody() {
        if (!bodyStarted) {
            bodyStarted = true;
            beforeCommit.run();
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
            beforeCommit.run();
            body.flush();
        }

        @Override
        public void close() throws IOException {
            beforeCommit.run();
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

    /** The body's characters, with the hook run as for {@link HookedStream}. */
    private final class HookedWriter extends Writer {
        private final PrintWriter body;

        HookedWriter(PrintWriter body) {
            this.body = body;
        }

        @Override
        public void write(int c) {
            beforeBody();
            body.write(c);
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            beforeBody();
            body.write(chars, offset, length);
        }

        @Override
        public void write(String text, int offset, int length) {
            beforeBody();
            body.write(text, offset, length);
        }

        @Override
        public void flush() {
            beforeCommit.run();
            body.flush();
        }

        @Override
        public void close() {
            beforeCommit.run();
            body.close();
        }
    }
}
