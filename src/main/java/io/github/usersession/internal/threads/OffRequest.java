package io.github.usersession.internal.threads;

import io.github.usersession.internal.SessionChannel;
import io.github.usersession.internal.StoredSession;
import jakarta.enterprise.context.ContextNotActiveException;

/**
 * The channel of a binding off the request thread, a task or a WebSocket call: there is no response to carry a
 * cookie, so it refuses every change a client would have to learn of (starting a session, renewing its ID), and it
 * explains why a binding that could not enter its session has none.
 */
final class OffRequest implements SessionChannel {

    static final String TASK = "task";
    static final String SOCKET = "WebSocket connection";

    /** The session the work was handed, live or ended; null when it was handed none. */
    private final StoredSession origin;
    /** Whether the binding entered {@link #origin}; false when it has no session at all. */
    private final boolean entered;
    private final String what;

    private OffRequest(StoredSession origin, boolean entered, String what) {
        this.origin = origin;
        this.entered = entered;
        this.what = what;
    }

    /** The channel of a binding that entered its live session. */
    static OffRequest entered(StoredSession session, String what) {
        return new OffRequest(session, true, what);
    }

    /** The channel of a binding without a session: the one it was handed has ended, or it was handed none. */
    static OffRequest refused(StoredSession origin, String what) {
        return new OffRequest(origin, false, what);
    }

    @Override
    public StoredSession find() {
        return null; // a binding that entered its session never asks; one that did not has nothing to find
    }

    @Override
    public StoredSession renamedSession() {
        return null;
    }

    @Override
    public boolean deliverable() {
        return false; // no response to carry a change
    }

    @Override
    public String principal() {
        return null; // the user is the handshake's or the submitter's, whose session this binding carries as it is
    }

    @Override
    public void checkDeliverable(String change) {
        if (entered) {
            throw new IllegalStateException(change + " in a " + what + ": no response can carry its cookie. Do it"
                    + " in a request, before its response is committed.");
        }
        throw new ContextNotActiveException(refusal());
    }

    private String refusal() {
        if (origin != null) {
            return "The user session " + origin + " of this " + what + " has ended (logout, timeout or shutdown)"
                    + (what.equals(TASK) ? " before the task began" : "") + ": its @UserSession beans cannot be used"
                    + " here, and a " + what + " never starts a session or brings one back.";
        }
        if (what.equals(SOCKET)) {
            return "No user session is bound to this WebSocket connection: its handshake request named no live"
                    + " session, and a WebSocket cannot start one since it cannot set a cookie. Let a request use a"
                    + " @UserSession bean before the page opens the socket.";
        }
        return "This task was handed a user session that it cannot find any more: its context was serialized, which"
                + " a user session does not survive. Submit it without serializing it.";
    }

    @Override
    public void issued(StoredSession session, boolean created) {
        // Unreachable: checkDeliverable refuses every change before it is made.
        throw new IllegalStateException("A " + what + " cannot name a session to a client");
    }

    @Override
    public void ended() {
        // No client to tell: its cookie now names an ended session, which is never served again.
    }

    @Override
    public StoredSession carried() {
        return origin;
    }
}
