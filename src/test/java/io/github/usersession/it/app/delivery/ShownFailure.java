package io.github.usersession.it.app.delivery;

/** The exception that web.xml maps to the error page {@code /d/error}, so that the server makes an ERROR dispatch. */
public class ShownFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ShownFailure(String message) {
        super(message);
    }
}
