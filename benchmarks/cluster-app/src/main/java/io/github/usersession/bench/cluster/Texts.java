package io.github.usersession.bench.cluster;

import java.util.Random;

/**
 * The profile beans' text: 64 fixed strings of 960 ASCII characters, the same on every server, so that a bean's state
 * is about 1 KB serialized and a reader can check that the text it holds is the one its version calls for.
 */
final class Texts {

    static final int LENGTH = 960;
    private static final String[] TEXTS = new String[64];

    static {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ";
        for (int t = 0; t < TEXTS.length; t++) {
            Random random = new Random(t); // specified algorithm: the same strings in every JVM
            char[] chars = new char[LENGTH];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            TEXTS[t] = new String(chars);
        }
    }

    private Texts() {
    }

    /** The text of a given version. */
    static String of(long version) {
        return TEXTS[(int) (version & 63)];
    }
}
