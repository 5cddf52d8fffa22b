package io.github.usersession.internal;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The IDs replaced by a renewal within the last minute, with their sessions: never used to serve a request, only to
 * let a logout sent with the old ID find what to end. Thread-safe.
 */
final class RenamedIds {

    /**
     * How long an ID replaced by a renewal still leads a logout to its session: long enough for a logout sent together
     * with the renewal (a double click, a second tab) to arrive, in milliseconds.
     */
    static final long GRACE_MILLIS = 60_000;

    private final Map<SessionId, StoredSession> renamed = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Renaming> renamings = new ConcurrentLinkedQueue<>();

    void add(SessionId oldId, StoredSession session, long now) {
        renamed.put(oldId, session);
        renamings.add(new Renaming(oldId, now));
    }

    /** The live session the ID named until a renewal within the grace period; null for anything else. */
    StoredSession session(SessionId oldId) {
        if (renamed.isEmpty()) {
            return null;
        }
        StoredSession session = renamed.get(oldId);
        return session != null && session.isLive() ? session : null;
    }

    /** Forgets the IDs renewed longer than the grace period ago. */
    void forgetOlderThanGrace(long now) {
        for (Iterator<Renaming> oldest = renamings.iterator(); oldest.hasNext(); ) {
            Renaming renaming = oldest.next();
            if (now - renaming.at < GRACE_MILLIS) {
                return;
            }
            renamed.remove(renaming.oldId);
            oldest.remove();
        }
    }

    /** An ID replaced by a renewal, and when. */
    private record Renaming(SessionId oldId, long at) {
    }
}
