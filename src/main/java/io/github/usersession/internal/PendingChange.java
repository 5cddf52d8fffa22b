package io.github.usersession.internal;

/**
 * A change that a running {@code @Logout} or {@code @RenewSessionId} method asks for when it returns. If the response
 * is about to commit before it returns (a redirect, a flushed body), the change is made then, so that its cookie can
 * still reach the client; otherwise it is made when the method returns, and dropped if the method throws.
 */
public final class PendingChange {

    /** What a method asks for. */
    public enum Kind { LOGOUT, RENEW_ID }

    final Kind kind;
    boolean done;

    PendingChange(Kind kind) {
        this.kind = kind;
    }
}
