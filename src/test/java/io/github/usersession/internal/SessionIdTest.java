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
    void idsDifferingOnlyInLaterBitsDiffer() {
        String valid = "A".repeat(43);
        SessionId id = SessionId.parse(valid);
        assertNotEquals(id, SessionId.parse(valid.substring(0, 30) + "B" + valid.substring(31)));
        assertNotEquals(id, SessionId.parse(valid.substring(0, 42) + "E"));
    }

    @Test
    void exactlyTheTextsThatAreCanonicalBase64UrlOf32BytesAreRead() {
        String valid = SessionId.random().encoded();
        int accepted = 0;
        for (int position = 0; position < SessionId.LENGTH; position++) {
            for (char c = 0; c < 0x200; c++) {
                String text = valid.substring(0, position) + c + valid.substring(position + 1);
                SessionId read = SessionId.parse(text);
                assertEquals(isCanonical(text), read != null, text);
                if (read != null) {
                    assertEquals(text, read.encoded());
                    accepted++;
                }
            }
        }
        // 64 spellings at each of the first 42 positions, and the 16 whose last 2 bits are zero at the last one.
        assertEquals(42 * 64 + 16, accepted);
    }

    private static boolean isCanonical(String text) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(text);
            return bytes.length == 32 && Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Test
    void boundsOutsideTheTextReadNothing() {
        String valid = SessionId.random().encoded();
        assertNull(SessionId.parse("abc", 0, 43));
        assertNull(SessionId.parse(valid, -1, 42));
        assertNull(SessionId.parse(valid, 1, 44));
    }

    @Test
    void textOfAnIdNeverShowsIt() {
        SessionId id = SessionId.random();
        assertFalse(id.toString().contains(id.encoded()));
        assertFalse(id.toString().contains(Integer.toHexString(id.hashCode())));
    }
}
