package io.github.usersession.internal.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
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
// and the later one evicts the earlier, never both each other. Each write gives the record the absolute timeout to
// live, so no session outlives its principal's record. Entries whose sessions ended without being taken out (an expiry
// report the store lost, a removal that failed) are skipped when listed and pruned: by age at every change, without a
// read; by a missing record when a listing or the limit comes across them.
public final class SharedPrincipalIndex implements PrincipalIndex {

    private static final Comparator<StoredSession> OLDEST_FIRST = Comparator.comparingLong(
            StoredSession::createdAtMillis);
    private static final int ATTEMPTS = 100;

    private final RecordMap records;
    private final SharedSessionLookup sessions;
    private final Duration timeToLive;
    private final LongSupplier clock;

    /**
     * @param timeToLive how long a principal's record lives after its last change: the absolute timeout, which no
     *        session filed in it outlives
     * @param clock the time in epoch milliseconds, the sessions' creation times' clock
     */
    public SharedPrincipalIndex(RecordMap records, SharedSessionLookup sessions, Duration timeToLive,
            LongSupplier clock) {
        this.records = records;
        this.sessions = sessions;
        this.timeToLive = timeToLive;
        this.clock = clock;
    }

    /** The keys of the session records filed for the principal, live or not, oldest first: for tests. */
    public static List<String> filedKeys(RecordMap records, String principal) {
        return PrincipalRecord.decode(records.get(key(principal))).entries().stream()
                .map(PrincipalRecord.Entry::key).toList();
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
            int count = next.entries().size();
            if (limit == UserSessionConfig.NO_LIMIT || count <= limit) {
                return next;
            }
            // Over the limit: the oldest others first, read one by one until enough live ones are out.
            Set<String> out = new HashSet<>();
            List<PrincipalRecord.Entry> others = new ArrayList<>(next.entries());
            others.removeIf(entry -> entry.key().equals(filed));
            others.sort(Comparator.comparingLong(PrincipalRecord.Entry::createdAt));
            for (PrincipalRecord.Entry oldest : others) {
                if (count <= limit) {
                    break;
                }
                StoredSession other = sessions.find(oldest.key());
                if (other != null && other.isLive()) {
                    evicted.add(other);
                }
                out.add(oldest.key());
                count--;
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
        Set<String> gone = new HashSet<>();
        for (PrincipalRecord.Entry entry : PrincipalRecord.decode(records.get(key(principal))).entries()) {
            StoredSession session = sessions.find(entry.key());
            if (session == null) {
                gone.add(entry.key());
            } else if (session.principal() == null || principal.equals(session.principal())) {
                // No principal yet: its sign-in is under way on some server, which filed it before writing its record.
                found.add(session);
            }
        }
        if (!gone.isEmpty()) {
            change(principal, current -> current.without(gone));
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
        // An entry that is not there was taken out by an end meanwhile: the renewal does not bring it back.
        change(principal, current -> current.contains(oldKey) ? current.renamed(oldKey, newKey) : current);
    }

    /** Applies a change to the principal's record by compare-and-set, again on a record that changed meanwhile. */
    private void change(String principal, UnaryOperator<PrincipalRecord> change) {
        String key = key(principal);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            byte[] current = records.get(key);
            PrincipalRecord before = PrincipalRecord.decode(current);
            PrincipalRecord after = change.apply(before.bornAfter(clock.getAsLong() - timeToLive.toMillis()));
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
