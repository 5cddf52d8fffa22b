package io.github.usersession.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The session store of a single server: a concurrent map in this JVM's heap.
 */
final class InMemorySessionStore implements SessionStore {

    private final ConcurrentHashMap<SessionId, StoredSession> sessions = new ConcurrentHashMap<>(1024);

    @Override
    public StoredSession get(SessionId id) {
        return sessions.get(id);
    }

    @Override
    public boolean putIfAbsent(SessionId id, StoredSession session) {
        return sessions.putIfAbsent(id, session) == null;
    }

    @Override
    public void remove(SessionId id, StoredSession session) {
        sessions.remove(id, session);
    }

    @Override
    public Collection<StoredSession> sessions() {
        return new ArrayList<>(sessions.values());
    }
}
