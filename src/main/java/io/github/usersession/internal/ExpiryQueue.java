package io.github.usersession.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Sessions filed by the second in which they are due to expire, so that a reaper pass looks only at due ones.
 */
// A session is filed by the deadline it had when filed; requests that use it later do not refile it (that would cost
// every request), so a due session that turns out to be still live is simply filed again by its new deadline.
final class ExpiryQueue {

    private final ConcurrentSkipListMap<Long, Bucket> buckets = new ConcurrentSkipListMap<>();

    void add(StoredSession session, long deadlineMillis) {
        Long second = Math.floorDiv(deadlineMillis + 999, 1000L);
        while (!buckets.computeIfAbsent(second, s -> new Bucket()).add(session)) {
            // The reaper drained this bucket between our lookup and our add: it is gone, file into a new one.
            Thread.onSpinWait();
        }
    }

    /** Removes and returns the sessions filed under every second up to {@code nowMillis}. */
    List<StoredSession> pollDue(long nowMillis) {
        List<StoredSession> due = new ArrayList<>();
        long second = Math.floorDiv(nowMillis, 1000L);
        for (Map.Entry<Long, Bucket> first = buckets.firstEntry(); first != null && first.getKey() <= second;
                first = buckets.firstEntry()) {
            buckets.remove(first.getKey(), first.getValue());
            first.getValue().drainTo(due);
        }
        return due;
    }

    /** Drops the sessions that ended before their deadline, which would otherwise stay here until it. */
    void removeEnded() {
        for (Bucket bucket : buckets.values()) {
            bucket.removeEnded();
        }
    }

    /** How many sessions are filed, ended ones included. */
    int size() {
        int size = 0;
        for (Bucket bucket : buckets.values()) {
            size += bucket.size();
        }
        return size;
    }

    boolean isEmpty() {
        return buckets.isEmpty();
    }

    /** The sessions of one second; closed once drained, so that a late add goes to a fresh bucket instead. */
    private static final class Bucket {
        private List<StoredSession> sessions = new ArrayList<>(4);

        synchronized boolean add(StoredSession session) {
            if (sessions == null) {
                return false;
            }
            sessions.add(session);
            return true;
        }

        synchronized int size() {
            return sessions == null ? 0 : sessions.size();
        }

        synchronized void removeEnded() {
            if (sessions != null) {
                sessions.removeIf(session -> !session.isLive());
            }
        }

        synchronized void drainTo(List<StoredSession> due) {
            if (sessions != null) {
                due.addAll(sessions);
                sessions = null;
            }
        }
    }
}
