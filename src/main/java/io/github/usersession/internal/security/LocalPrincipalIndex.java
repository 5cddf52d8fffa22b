package io.github.usersession.internal.security;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import io.github.usersession.internal.StoredSession;
import io.github.usersession.internal.UserSessionConfig;

/**
 * The principal index of a single server: a map in this JVM's heap from each principal to its sessions.
 */
// One entry per principal, locked on its own; an entry emptied by its last removal is taken out of the map and marked,
// so that an add that found it just before retries with a new entry instead of filing a session where no one looks.
public final class LocalPrincipalIndex implements PrincipalIndex {

    private static final Comparator<StoredSession> OLDEST_FIRST = Comparator.comparingLong(
            StoredSession::createdAtMillis);

    private final ConcurrentHashMap<String, Sessions> byPrincipal = new ConcurrentHashMap<>();

    @Override
    public List<StoredSession> add(String principal, StoredSession session, int limit) {
        while (true) {
            Sessions sessions = byPrincipal.get(principal);
            if (sessions == null) {
                Sessions created = new Sessions();
                sessions = byPrincipal.putIfAbsent(principal, created);
                if (sessions == null) {
                    sessions = created;
                }
            }
            synchronized (sessions) {
                if (!sessions.removed) {
                    return sessions.add(session, limit);
                }
            }
        }
    }

    @Override
    public void remove(String principal, StoredSession session) {
        Sessions sessions = byPrincipal.get(principal);
        if (sessions == null) {
            return;
        }
        synchronized (sessions) {
            sessions.list.remove(session);
            if (sessions.list.isEmpty() && !sessions.removed) {
                sessions.removed = true;
                byPrincipal.remove(principal, sessions);
            }
        }
    }

    @Override
    public List<StoredSession> sessions(String principal) {
        Sessions sessions = byPrincipal.get(principal);
        if (sessions == null) {
            return List.of();
        }
        List<StoredSession> snapshot;
        synchronized (sessions) {
            snapshot = new ArrayList<>(sessions.list);
        }
        snapshot.sort(OLDEST_FIRST);
        return snapshot;
    }

    /** How many principals have an entry: for tests that prove entries do not pile up. */
    int principals() {
        return byPrincipal.size();
    }

    /** One principal's sessions; guarded by its own lock. */
    private static final class Sessions {
        private final List<StoredSession> list = new ArrayList<>(2);
        private boolean removed;

        List<StoredSession> add(StoredSession session, int limit) {
            // Sessions ended meanwhile are still here when their end raced their sign-in: they count for nothing.
            list.removeIf(filed -> !filed.isLive());
            if (!list.contains(session)) {
                list.add(session);
            }
            if (limit == UserSessionConfig.NO_LIMIT || list.size() <= limit) {
                return List.of();
            }
            List<StoredSession> others = new ArrayList<>(list);
            others.remove(session);
            others.sort(OLDEST_FIRST);
            List<StoredSession> evicted = List.copyOf(others.subList(0, list.size() - limit));
            list.removeAll(evicted);
            return evicted;
        }
    }
}
