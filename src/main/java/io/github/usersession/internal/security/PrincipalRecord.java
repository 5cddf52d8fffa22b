package io.github.usersession.internal.security;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The record of one user's sessions in a shared store: the store key and the creation time of each, in the order they
 * were filed. Immutable; the bytes are the library's own format.
 */
// Format 1: the format byte, the count, then per session its creation time (epoch milliseconds) and its key (UTF).
record PrincipalRecord(List<Entry> entries) {

    private static final byte FORMAT = 1;

    static final PrincipalRecord EMPTY = new PrincipalRecord(List.of());

    /** One session of the user: its record's key in the store, and when it was created. */
    record Entry(String key, long createdAt) {
    }

    PrincipalRecord {
        entries = List.copyOf(entries);
    }

    static PrincipalRecord decode(byte[] bytes) {
        if (bytes == null) {
            return EMPTY;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalStateException("A principal record of format " + format + " cannot be read; this"
                        + " library reads format " + FORMAT + " (servers of different versions share the store?)");
            }
            int count = in.readInt();
            List<Entry> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long createdAt = in.readLong();
                entries.add(new Entry(in.readUTF(), createdAt));
            }
            return new PrincipalRecord(entries);
        } catch (IOException e) {
            throw new IllegalStateException("A principal record is truncated or corrupt", e);
        }
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(5 + entries.size() * 53);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeInt(entries.size());
            for (Entry entry : entries) {
                out.writeLong(entry.createdAt());
                out.writeUTF(entry.key());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    boolean contains(String key) {
        return entries.stream().anyMatch(entry -> entry.key().equals(key));
    }

    /** This record with the session added at the end; itself when the session is filed already. */
    PrincipalRecord with(String key, long createdAt) {
        if (contains(key)) {
            return this;
        }
        List<Entry> more = new ArrayList<>(entries);
        more.add(new Entry(key, createdAt));
        return new PrincipalRecord(more);
    }

    /** This record without the sessions of the given keys. */
    PrincipalRecord without(Collection<String> keys) {
        return new PrincipalRecord(entries.stream().filter(entry -> !keys.contains(entry.key())).toList());
    }

    /** This record without the sessions created before the given time: they are past their absolute timeout. */
    PrincipalRecord bornAfter(long since) {
        return entries.stream().allMatch(entry -> entry.createdAt() >= since) ? this
                : new PrincipalRecord(entries.stream().filter(entry -> entry.createdAt() >= since).toList());
    }

    /** This record with the session filed under {@code oldKey} filed under {@code newKey} instead. */
    PrincipalRecord renamed(String oldKey, String newKey) {
        return new PrincipalRecord(entries.stream()
                .map(entry -> entry.key().equals(oldKey) ? new Entry(newKey, entry.createdAt()) : entry).toList());
    }
}
