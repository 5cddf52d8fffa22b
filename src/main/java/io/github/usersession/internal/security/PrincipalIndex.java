package io.github.usersession.internal.security;

import java.util.List;

import io.github.usersession.internal.StoredSession;

/**
 * The sessions of each principal of one application. The session store provides it, so that a store shared between
 * servers can share this index too; implementations are thread-safe.
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
}
