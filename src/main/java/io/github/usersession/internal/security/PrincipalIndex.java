package io.github.usersession.internal.security;

import java.util.List;

import io.github.usersession.internal.SessionId;
import io.github.usersession.internal.StoredSession;
import io.github.usersession.internal.UserSessionConfig;

/**
 * The sessions of each principal of one application: this server's ({@link LocalPrincipalIndex}), or the cluster's,
 * kept in a shared store ({@link SharedPrincipalIndex}). Implementations are thread-safe.
 */
public interface PrincipalIndex {

    /**
     * Files the session under the principal and, when the principal then has more than {@code limit} live sessions,
     * takes the oldest of the others (by creation) out and returns them for the caller to end. Atomic per principal:
     * two sign-ins that race can never evict each other.
     *
     * @param limit the most sessions the principal may have, or
     *        {@link io.github.usersession.internal.UserSessionConfig#NO_LIMIT}
     * @return the sessions to evict, never the one added; empty when none
     */
    List<StoredSession> add(String principal, StoredSession session, int limit);

    /** Takes the session out of the principal's; harmless when it is not there. */
    void remove(String principal, StoredSession session);

    /** A snapshot of the principal's sessions, oldest first; some may have ended since. Empty for an unknown name. */
    List<StoredSession> sessions(String principal);

    /**
     * This server now holds a copy of a session that a shared store keeps and another server signed its user in on:
     * an index of this server's sessions files it, without the limit, which the other server applied.
     */
    default void copied(String principal, StoredSession copy) {
        add(principal, copy, UserSessionConfig.NO_LIMIT);
    }

    /** This server let go of its copy of a session that lives on in a shared store. */
    default void dropped(String principal, StoredSession copy) {
        remove(principal, copy);
    }

    /** The session's ID was renewed from {@code oldId}; an index that files sessions by their IDs follows it. */
    default void renamed(String principal, StoredSession session, SessionId oldId) {
    }
}
