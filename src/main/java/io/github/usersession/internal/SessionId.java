package io.github.usersession.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * A session ID: 256 random bits, sent as 43 characters of base64url without padding.
 */
// Kept as four longs rather than as its text: 48 bytes instead of 88 for each of a million idle sessions, and a
// lookup decodes the cookie without building a String.
public final class SessionId {

    static final int LENGTH = 43;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** The 6-bit value of each base64url character, or -1. */
    private static final byte[] VALUES = new byte[128];

    static {
        Arrays.fill(VALUES, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = (byte) i;
        }
    }

    private final long bits0;
    private final long bits1;
    private final long bits2;
    private final long bits3;

    private SessionId(long bits0, long bits1, long bits2, long bits3) {
        this.bits0 = bits0;
        this.bits1 = bits1;
        this.bits2 = bits2;
        this.bits3 = bits3;
    }

    static SessionId random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new SessionId((long) LONGS.get(bytes, 0), (long) LONGS.get(bytes, 8), (long) LONGS.get(bytes, 16),
                (long) LONGS.get(bytes, 24));
    }

    /**
     * The ID written in {@code text} between {@code start} and {@code end}, or null unless it has the exact shape of
     * an ID we issue: anything else is not even looked up.
     */
    public static SessionId parse(CharSequence text, int start, int end) {
        if (start < 0 || end > text.length() || end - start != LENGTH) {
            return null;
        }
        // Straight into the four longs, with no array in between: this runs on every request that uses a session.
        long bits0 = 0;
        long bits1 = 0;
        long bits2 = 0;
        long word = 0;
        int filled = 0;
        int words = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            int value = c < VALUES.length ? VALUES[c] : -1;
            if (value < 0) {
                return null;
            }
            int room = 64 - filled;
            if (room > 6) {
                word = (word << 6) | value;
                filled += 6;
                continue;
            }
            // This character's first bits complete a long, and the rest begin the next.
            long full = (word << room) | (value >>> (6 - room));
            filled = 6 - room;
            word = value & ((1 << filled) - 1);
            if (words == 0) {
                bits0 = full;
            } else if (words == 1) {
                bits1 = full;
            } else if (words == 2) {
                bits2 = full;
            } else {
                // 43 characters carry 258 bits: the 2 left over are zero in every ID we issue, and in no other
                // spelling of it.
                return word == 0 ? new SessionId(bits0, bits1, bits2, full) : null;
            }
            words++;
        }
        return null; // not reached: 43 characters always fill four longs
    }

    static SessionId parse(CharSequence text) {
        return parse(text, 0, text.length());
    }

    /** The ID as the cookie carries it. */
    public String encoded() {
        byte[] bytes = new byte[32];
        LONGS.set(bytes, 0, bits0);
        LONGS.set(bytes, 8, bits1);
        LONGS.set(bytes, 16, bits2);
        LONGS.set(bytes, 24, bits3);
        return ENCODER.encodeToString(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SessionId id
                && id.bits0 == bits0 && id.bits1 == bits1 && id.bits2 == bits2 && id.bits3 == bits3;
    }

    @Override
    public int hashCode() {
        // The bits are random already; any 32 of them spread as well as a hash of all of them would.
        return (int) bits0;
    }

    /** Never the ID itself, which must not reach logs. */
    @Override
    public String toString() {
        return "SessionId[not shown]";
    }
}
