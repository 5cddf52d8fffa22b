package io.github.usersession.internal.security;

import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.usersession.SessionEndReason;
import io.github.usersession.internal.SessionId;
import io.github.usersession.internal.StoredSession;
import io.github.usersession.internal.UserSessionConfig;

/**
 * Who owns each session of an application: binds a session to the user who signs in on it, keeps each user within
 * {@code usersession.max-sessions-per-principal}, and finds or ends all of one user's sessions. Thread-safe.
 */
public final class Principals {

    private static final Logger LOG = Logger.getLogger(Principals.class.getName());

    private final PrincipalIndex index;
    private final int limit;
    /** Ends a session for a reason; true for the one call that ended it. */
    private final BiPredicate<StoredSession, SessionEndReason> ending;

    /**
     * @param limit the most sessions a principal may have, or {@link UserSessionConfig#NO_LIMIT}
     * @param ending ends a session for a reason, true for the one call that ended it (the registry's end)
     */
    public Principals(PrincipalIndex index, int limit, BiPredicate<StoredSession, SessionEndReason> ending) {
        this.index = index;
        this.limit = limit;
        this.ending = ending;
    }

    /**
     * Makes the principal the owner of a live session that has none, and ends the principal's oldest other sessions
     * beyond the limit ({@link SessionEndReason#EVICTED}), never this one.
     *
     * @return false when the session has ended or has an owner already, and nothing changed
     */
    public boolean signIn(StoredSession session, String principal) {
        Objects.requireNonNull(principal, "principal");
        if (!session.isLive() || session.principal() != null) {
            return false;
        }
        // Filed first: if the index cannot be written, the session stays anonymous rather than owned and unfiled.
        List<StoredSession> evicted = index.add(principal, session, limit);
        for (StoredSession oldest : evicted) {
            ending.test(oldest, SessionEndReason.EVICTED);
        }
        if (!session.signIn(principal)) {
            // Ended, or signed in by another thread, since the check: an end found no principal to take out.
            if (!principal.equals(session.principal())) {
                index.remove(principal, session);
            }
            return false;
        }
        return true; // an end from now on sees the principal, under the session's lock, and takes the entry out

    }

    /**
     * This server now holds a copy of a session that a shared store keeps, whose principal another server signed in:
     * an index of this server's sessions files it, without the limit, which that server applied.
     */
    public void holds(StoredSession copy) {
        String principal = copy.principal();
        if (principal != null) {
            index.copied(principal, copy);
        }
    }

    /** This server let go of its copy of a session that lives on in a shared store. */
    public void dropped(StoredSession copy) {
        String principal = copy.principal();
        if (principal != null) {
            index.dropped(principal, copy);
        }
    }

    /** The session's ID was renewed from {@code oldId}. */
    public void renamed(StoredSession session, SessionId oldId) {
        String principal = session.principal();
        if (principal != null) {
            index.renamed(principal, session, oldId);
        }
    }

    /** The principal's live sessions, oldest first; empty for a name with none. */
    public List<StoredSession> liveSessions(String principal) {
        List<StoredSession> sessions = index.sessions(Objects.requireNonNull(principal, "principal"));
        return sessions.stream().filter(StoredSession::isLive).toList();
    }

    /**
     * Ends every live session of the principal ({@link SessionEndReason#REVOKED}).
     *
     * @return how many sessions this call ended; one that ended otherwise meanwhile is not counted
     */
    public int endAll(String principal) {
        int ended = 0;
        for (StoredSession session : index.sessions(Objects.requireNonNull(principal, "principal"))) {
            if (ending.test(session, SessionEndReason.REVOKED)) {
                ended++;
            }
        }
        return ended;
    }

    /**
     * A session has ended, for whatever reason: it leaves its owner's. Never throws: an index in a shared store that
     * cannot be reached keeps the entry, which is skipped when listed and pruned later.
     */
    public void ended(StoredSession session) {
        String principal = session.principal();
        if (principal == null) {
            return;
        }
        try {
            index.remove(principal, session);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "The end of " + session + " could not be noted in its user's sessions");
        }
    }
}
