package io.github.usersession.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A session's store key is a short one-way hash of its ID: the same for the same ID, never the ID or a part of it. */
class StoreKeyTest {

    @Test
    void theStoreKeyIs32UrlSafeCharactersOfTheIdsHashAndNeverThePlainId() {
        SessionId id = SessionId.random();
        String key = Replication.key(id);

        assertEquals(32, key.length());
        assertTrue(key.matches("[A-Za-z0-9_-]{32}"), key);
        assertEquals(key, Replication.key(SessionId.parse(id.encoded())));
        assertFalse(id.encoded().contains(key.substring(0, 8)), "the key shows a part of the ID");
        assertNotEquals(key, Replication.key(SessionId.random()));
    }
}
