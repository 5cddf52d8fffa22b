package io.github.usersession.internal.security;

import io.github.usersession.internal.SessionId;
import io.github.usersession.internal.StoredSession;

/**
 * How a principal index kept in a shared store reaches the sessions it lists: by the keys of their records.
 */
public interface SharedSessionLookup {

    /** The key of the session's record in the shared store. */
    String keyOf(StoredSession session);

    /** The key that the record of the session with this ID has, or had. */
    String keyOf(SessionId id);

    /**
     * The session whose record the key names, or names after a renewal within the last minute: this server's copy as
     * its requests left it, when it holds one; otherwise a copy made from the record, which this server does not file
     * (its handle can be read and ended, not bound). Null when the store has no such record.
     */
    StoredSession find(String key);
}
