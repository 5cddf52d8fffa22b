package io.github.usersession.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** A record reads back as it was written, and keeps an idle session small in the store. */
class SessionRecordTest {

    static final long CREATED = 1_795_000_000_000L;

    @Test
    void aRecordReadsBackWithEveryFieldAndEveryBean() {
        SessionRecord written = new SessionRecord(300, CREATED, CREATED + 3_600_000, -42L,
                Map.of(7L, new byte[] {1, 2, 3}, -9L, new byte[200]), "Zoë");

        SessionRecord read = SessionRecord.decode(written.encode());

        assertEquals(300, read.version());
        assertEquals(CREATED, read.createdAt());
        assertEquals(CREATED + 3_600_000, read.lastAccess());
        assertEquals(-42L, read.traceId());
        assertEquals("Zoë", read.principal());
        assertArrayEquals(new byte[] {1, 2, 3}, read.beans().get(7L));
        assertArrayEquals(new byte[200], read.beans().get(-9L));
    }

    @Test
    void extremeNumbersReadBackAsWritten() {
        for (long version : new long[] {0, 1, 127, 128, 16_383, 16_384, Long.MAX_VALUE, Long.MIN_VALUE, -1}) {
            for (long lastAccess : new long[] {CREATED, CREATED - 1, CREATED + 1, Long.MAX_VALUE, Long.MIN_VALUE}) {
                byte[] bytes = new SessionRecord(version, CREATED, lastAccess, 1, Map.of()).encode();
                SessionRecord read = SessionRecord.decode(bytes);
                assertEquals(version, read.version());
                assertEquals(version, SessionRecord.versionOf(bytes));
                assertEquals(lastAccess, read.lastAccess());
                assertNull(read.principal());
            }
        }
    }

    @Test
    void aSessionOfOneBeanUsedWithinADayOfItsCreationCostsAtMost34BytesMoreThanItsBean() {
        byte[] bean = new byte[1077];
        SessionRecord created = SessionRecord.created(CREATED, 0x1234_5678_9abc_def0L);
        SessionRecord written = created.with(Map.of(Long.MIN_VALUE + 3, bean), CREATED + 5)
                .with(Map.of(), CREATED + 86_400_000);

        assertEquals(1077 + 34, written.encode().length);
        assertEquals(1077 + 31, created.with(Map.of(Long.MIN_VALUE + 3, bean), CREATED + 5).encode().length);
    }

    @Test
    void bytesOfAnotherFormatAreRefusedWithTheReason() {
        byte[] bytes = SessionRecord.created(CREATED, 1).encode();
        bytes[0] = 2;

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> SessionRecord.decode(bytes));
        assertTrue(refused.getCause().getMessage().contains("format 2, not 3"), refused.getCause().getMessage());
    }
}
