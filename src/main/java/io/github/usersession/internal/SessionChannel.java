package io.github.usersession.internal;

/**
 * How a request's client names its session and learns of changes to it: the web layer's side of a {@link Binding}.
 * A change (a new, renewed or ended session) reaches the client in the response of the request that made it, or it
 * does not happen and the caller gets an exception.
 */
public interface SessionChannel {

    /** The live session the client names, counted in for the caller; null when it names none. */
    StoredSession find();

    /**
     * A live session whose earlier ID the client named, renewed moments ago; null when there is none. A logout that
     * races a renewal ends it too, although the old ID never serves a request.
     */
    StoredSession renamedSession();

    /**
     * Checks, before a change, that the client can still learn of it.
     *
     * @param change what is about to happen, for the message, such as "A user session cannot start"
     * @throws IllegalStateException when the response is committed, so the client could never learn of it
     */
    void checkDeliverable(String change);

    /** Whether a change can still reach the client: false once the response is committed. */
    boolean deliverable();

    /** The name of the request's authenticated user, or null; asked as often as it may change, so it must be cheap. */
    String principal();

    /** Tells the client the session's ID: it was just created ({@code created}) or renewed. */
    void issued(StoredSession session, boolean created);

    /** Tells the client that its session has ended. */
    void ended();

    /**
     * The response is about to commit with the session as it is now, written to the shared store if there is one:
     * the client may learn which version of the record it has seen ({@link SessionRegistry#version}).
     */
    default void served(StoredSession session) {
    }

    /**
     * The session that work handed to another thread must carry when this binding has none, such as one that ended
     * before the binding began; null for a request, which carries only what it has bound.
     */
    default StoredSession carried() {
        return null;
    }
}
