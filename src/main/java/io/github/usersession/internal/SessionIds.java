package io.github.usersession.internal;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Issues session IDs of 256 random bits, base64url without padding, and recognises well-formed ones.
 */
final class SessionIds {

    static final int LENGTH = 43;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private SessionIds() {
    }

    static String next() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /**
     * Whether the value has the exact shape of an ID we issue; anything else is not even looked up.
     */
    static boolean isWellFormed(CharSequence value, int start, int end) {
        if (end - start != LENGTH) {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            boolean base64url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!base64url) {
                return false;
            }
        }
        // 256 bits need 43 characters, of which the last carries only 4 bits: its low 2 bits are always zero.
        return ("AEIMQUYcgkosw048".indexOf(value.charAt(end - 1)) >= 0);
    }
}
