package io.github.usersession.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions this server holds live, by ID: all of them with the memory store; with a shared store, the local copies
 * of the sessions this server has served, whose state the shared store keeps.
 */
final class LiveSessions {

    private final ConcurrentHashMap<SessionId, StoredSession> sessions = new ConcurrentHashMap<>(1024);

    StoredSession get(SessionId id) {
        return sessions.get(id);
    }

    /** Files the session under the ID; false when the ID is taken already. */
    boolean putIfAbsent(SessionId id, StoredSession session) {
        return sessions.putIfAbsent(id, session) == null;
    }

    /** Removes the ID if, and only if, it still names this session; true when it did. */
    boolean remove(SessionId id, StoredSession session) {
        return sessions.remove(id, session);
    }

    /** A snapshot of the live sessions, for shutdown. */
    Collection<StoredSession> sessions() {
        return new ArrayList<>(sessions.values());
    }
}
