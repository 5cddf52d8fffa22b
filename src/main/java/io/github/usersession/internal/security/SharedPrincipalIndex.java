package io.github.usersession.internal.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import io.github.usersession.internal.Sha256;
import io.github.usersession.internal.SessionId;
import io.github.usersession.internal.StoredSession;
import io.github.usersession.internal.UserSessionConfig;
import io.github.usersession.spi.RecordMap;

/**
 * The principal index of a cluster: one record per principal in the shared store's {@link RecordMap}, listing the
 * keys of the principal's session records, so that every server finds, ends and limits the sessions that any server
 * signed the user in on.
 */
// Each change is a compare-and-set on the principal's record: two sign-ins on two servers are ordered by the store,
// and the later one evicts the earlier, never both each other. The record outlives none of its sessions by more than
// the absolute timeout; entries whose sessions ended without being taken out (an expiry report the store lost) are
// skipped when listed and pruned when they would count against the limit.
public final class SharedPrincipalIndex implements PrincipalIndex {

    private static final Comparator<StoredSession> OLDEST_FIRST = Comparator.comparingLong(
            StoredSession::createdAtMillis);
    private static final int ATTEMPTS = 100;

    private final RecordMap records;
    private final SharedSessionLookup sessions;
    private final Duration timeToLive;

    /**
     * @param timeToLive how long a principal's record lives after its last change: the absolute timeout, which no
     *        session filed in it outlives
     */
    public SharedPrincipalIndex(RecordMap records, SharedSessionLookup sessions, Duration timeToLive) {
        this.records = records;
        this.sessions = sessions;
        this.timeToLive = timeToLive;
    }

    /** The store key of a principal's record: a hash, so that the store holds no user names. */
    static String key(String principal) {
        return "principal:" + Sha256.key(principal);
    }

    @Override
    public List<StoredSession> add(String principal, StoredSession session, int limit) {
        String filed = sessions.keyOf(session);
        List<StoredSession> evicted = new ArrayList<>();
        change(principal, current -> {
            evicted.clear();
            PrincipalRecord next = current.with(filed, session.createdAtMillis());
            if (limit == UserSessionConfig.NO_LIMIT || next.entries().size() <= limit) {
                return next;
            }
            // Over the limit: look at the others, to evict only live sessions and drop what has ended.
            Set<String> out = new HashSet<>();
            List<StoredSession> others = new ArrayList<>();
            for (PrincipalRecord.Entry entry : next.entries()) {
                if (entry.key().equals(filed)) {
                    continue;
                }
                StoredSession other = sessions.find(entry.key());
                if (other == null || !other.isLive()) {
                    out.add(entry.key());
                } else {
                    others.add(other);
                }
            }
            others.sort(OLDEST_FIRST);
            int excess = others.size() + 1 - limit;
            for (StoredSession oldest : others.subList(0, Math.max(0, excess))) {
                evicted.add(oldest);
                out.add(sessions.keyOf(oldest));
            }
            return next.without(out);
        });
        return List.copyOf(evicted);
    }

    @Override
    public void remove(String principal, StoredSession session) {
        String filed = sessions.keyOf(session);
        change(principal, current -> current.without(Set.of(filed)));
    }

    @Override
    public List<StoredSession> sessions(String principal) {
        List<StoredSession> found = new ArrayList<>();
        for (PrincipalRecord.Entry entry : PrincipalRecord.decode(records.get(key(principal))).entries()) {
            StoredSession session = sessions.find(entry.key());
            // A session whose sign-in was never written to its record (its request failed) is not the user's.
            if (session != null && principal.equals(session.principal())) {
                found.add(session);
            }
        }
        found.sort(OLDEST_FIRST);
        return found;
    }

    /** The store lists the copies of every server already. */
    @Override
    public void copied(String principal, StoredSession copy) {
    }

    /** The session lives on in the store, and in its principal's record. */
    @Override
    public void dropped(String principal, StoredSession copy) {
    }

    @Override
    public void renamed(String principal, StoredSession session, SessionId oldId) {
        String oldKey = sessions.keyOf(oldId);
        String newKey = sessions.keyOf(session);
        change(principal, current -> current.contains(oldKey) ? current.renamed(oldKey, newKey)
                : current.with(newKey, session.createdAtMillis()));
    }

    /** Applies a change to the principal's record by compare-and-set, again on a record that changed meanwhile. */
    private void change(String principal, UnaryOperator<PrincipalRecord> change) {
        String key = key(principal);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            byte[] current = records.get(key);
            PrincipalRecord before = PrincipalRecord.decode(current);
            PrincipalRecord after = change.apply(before);
            if (after.equals(before)) {
                return;
            }
            byte[] written = after.encode();
            if (current == null ? records.putIfAbsent(key, written, timeToLive)
                    : records.replace(key, current, written, timeToLive)) {
                return;
            }
        }
        throw new IllegalStateException("The sessions of a principal could not be updated: their record kept changing"
                + " under " + ATTEMPTS + " attempts");
    }
}
