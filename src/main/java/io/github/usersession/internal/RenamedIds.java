package io.github.usersession.internal;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * IDs replaced by a renewal within the last minute, with their sessions: never used to serve a request, only to let
 * a logout sent together with the renewal (a double click, a second tab) find what to end.
 */
final class RenamedIds {

    /** How long an old ID still leads a logout to its session, in milliseconds. */
    static final long GRACE_MILLIS = 60_000;

    private final Map<SessionId, StoredSession> sessions = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Renaming> renamings = new ConcurrentLinkedQueue<>();

    void add(SessionId oldId, StoredSession session, long now) {
        sessions.put(oldId, session);
        renamings.add(new Renaming(oldId, now));
    }

    /** The live session the ID named until a renewal within the grace period, or null. */
    StoredSession get(SessionId oldId) {
        if (sessions.isEmpty()) {
            return null;
        }
        StoredSession session = sessions.get(oldId);
        return session != null && session.isLive() ? session : null;
    }

    /** Forgets the renewals older than the grace period. */
    void forget(long now) {
        for (Iterator<Renaming> oldest = renamings.iterator(); oldest.hasNext(); ) {
            Renaming renaming = oldest.next();
            if (now - renaming.at < GRACE_MILLIS) {
                return;
            }
            sessions.remove(renaming.oldId);
            oldest.remove();
        }
    }

    private record Renaming(SessionId oldId, long at) {
    }
}
