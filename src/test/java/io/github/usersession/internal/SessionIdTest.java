package io.github.usersession.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SessionIdTest {

    @Test
    void issuedIdIs256BitsOfBase64UrlWithoutPadding() {
        String encoded = SessionId.random().encoded();
        assertEquals(43, encoded.length());
        assertTrue(encoded.matches("[A-Za-z0-9_-]{43}"), encoded);
        assertEquals(32, Base64.getUrlDecoder().decode(encoded).length);
    }

    @Test
    void issuedIdReadsBackAsItself() {
        for (int i = 0; i < 1000; i++) {
            SessionId id = SessionId.random();
            SessionId read = SessionId.parse(id.encoded());
            assertEquals(id, read);
            assertEquals(id.hashCode(), read.hashCode());
            assertEquals(id.encoded(), read.encoded());
        }
    }

    @Test
    void issuedIdsDiffer() {
        Set<SessionId> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(ids.add(SessionId.random()));
        }
        assertNotEquals(SessionId.random(), SessionId.random());
    }

    @Test
    void onlyTheExactShapeOfAnIssuedIdIsRead() {
        String valid = SessionId.random().encoded();
        assertEquals(valid, SessionId.parse("x" + valid + "y", 1, 44).encoded());
        assertNull(SessionId.parse(valid.substring(1)), "too short");
        assertNull(SessionId.parse(valid + "A"), "too long");
        assertNull(SessionId.parse(valid + "="), "padded");
        assertNull(SessionId.parse(valid.substring(0, 42) + "B"), "a last character with bits an ID never has");
        for (char odd : new char[] {'+', '/', '=', '.', ' ', '%', '\u00e9', '\u0100', '\uffff', '\0'}) {
            assertNull(SessionId.parse(odd + valid.substring(1)), "character " + (int) odd);
        }
    }

    @Test
    void textOfAnIdNeverShowsIt() {
        SessionId id = SessionId.random();
        assertFalse(id.toString().contains(id.encoded()));
        assertFalse(id.toString().contains(Integer.toHexString(id.hashCode())));
    }
}
