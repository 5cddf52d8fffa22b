package io.github.usersession.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * SHA-256, the one-way hash behind every key the library derives: store keys from session IDs, so that a shared store
 * never holds a usable ID; keys of fixed length from user names (a hash, not a secret: a dictionary reverses a name);
 * bean keys from bean identities.
 */
public final class Sha256 {

    private Sha256() {
    }

    /** The hash of the text's UTF-8 bytes. */
    public static byte[] of(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** The hash of the text's UTF-8 bytes in base64url without padding: 43 characters, safe in any key. */
    public static String key(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(of(text));
    }
}
