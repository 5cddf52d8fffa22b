package io.github.usersession.internal;

import java.util.Collection;

import io.github.usersession.internal.security.LocalPrincipalIndex;
import io.github.usersession.internal.security.PrincipalIndex;

/**
 * The managed map of live sessions by ID: the one seam through which a data grid can later replace the in-memory
 * map without the context noticing.
 */
interface SessionStore {

    StoredSession get(SessionId id);

    /** Files the session under the ID; false when the ID is taken already. */
    boolean putIfAbsent(SessionId id, StoredSession session);

    /** Removes the ID if, and only if, it still names this session. */
    void remove(SessionId id, StoredSession session);

    /** A snapshot of the live sessions, for shutdown. */
    Collection<StoredSession> sessions();

    /**
     * A new index of the sessions by principal, asked for once by the registry. A store shared between servers must
     * return an index shared as widely as itself, or a user's sessions on other servers could not be found or ended.
     */
    default PrincipalIndex principalIndex() {
        return new LocalPrincipalIndex();
    }
}
