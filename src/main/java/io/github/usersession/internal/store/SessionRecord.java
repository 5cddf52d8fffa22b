package io.github.usersession.internal.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A session as a shared store keeps it: its times, its trace ID, and each bean's serialized state keyed by a 64-bit
 * hash of the bean's passivation ID. Encoded as the library's own bytes, so that no store ever needs our classes.
 */
// Layout: format (1 byte); version (varint); created (8 bytes, big-endian); last access minus created (zigzag
// varint); trace ID (8 bytes); bean count (varint); per bean its key (8 bytes), length (varint) and bytes; the
// principal's length in UTF-8 bytes plus one (varint; 0 for none) and those bytes. Varints are unsigned LEB128, 7 bits
// a byte, low first. Every byte counts in the store's memory per idle session: a session of one bean used within a
// day of its creation, with no principal, costs at most 34 bytes beyond its bean (53 in format 2, of fixed fields).
public final class SessionRecord {

    /** 2 since the record carries its principal; 3 since numbers that are mostly small are written as varints. */
    private static final byte FORMAT = 3;

    private final long version;
    private final long createdAt;
    private final long lastAccess;
    private final long traceId;
    private final Map<Long, byte[]> beans;
    private final String principal;

    public SessionRecord(long version, long createdAt, long lastAccess, long traceId, Map<Long, byte[]> beans) {
        this(version, createdAt, lastAccess, traceId, beans, null);
    }

    /** A record whose session belongs to the given user, or to none when {@code principal} is null. */
    public SessionRecord(long version, long createdAt, long lastAccess, long traceId, Map<Long, byte[]> beans,
            String principal) {
        this.version = version;
        this.createdAt = createdAt;
        this.lastAccess = lastAccess;
        this.traceId = traceId;
        this.beans = beans;
        this.principal = principal;
    }

    /** A new session's record, with no bean yet. */
    public static SessionRecord created(long createdAt, long traceId) {
        return new SessionRecord(1, createdAt, createdAt, traceId, Map.of());
    }

    public long version() {
        return version;
    }

    public long createdAt() {
        return createdAt;
    }

    /** When a request last used the session, as far as the store knows: stores are told at most every few seconds. */
    public long lastAccess() {
        return lastAccess;
    }

    public long traceId() {
        return traceId;
    }

    /** The name of the user the session belongs to, or null. */
    public String principal() {
        return principal;
    }

    /** Each bean's state by its key; read-only. */
    public Map<Long, byte[]> beans() {
        return beans;
    }

    /** The record with some beans' bytes replaced or added, the access time moved on, and the version bumped. */
    public SessionRecord with(Map<Long, byte[]> changed, long accessedAt) {
        return with(changed, accessedAt, null);
    }

    /** The same, and the session's user, which a record keeps once it has one ({@code signedIn} may be null). */
    public SessionRecord with(Map<Long, byte[]> changed, long accessedAt, String signedIn) {
        Map<Long, byte[]> merged = new LinkedHashMap<>(beans);
        merged.putAll(changed);
        return new SessionRecord(version + 1, createdAt, Math.max(lastAccess, accessedAt), traceId, merged,
                principal != null ? principal : signedIn);
    }

    public byte[] encode() {
        byte[] user = principal == null ? null : principal.getBytes(StandardCharsets.UTF_8);
        int size = 48 + (user == null ? 0 : user.length);
        for (byte[] bytes : beans.values()) {
            size += 13 + bytes.length;
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(size);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeByte(FORMAT);
            writeVarint(out, version);
            out.writeLong(createdAt);
            long sinceCreated = lastAccess - createdAt;
            writeVarint(out, sinceCreated << 1 ^ sinceCreated >> 63);
            out.writeLong(traceId);
            writeVarint(out, beans.size());
            for (Map.Entry<Long, byte[]> bean : beans.entrySet()) {
                out.writeLong(bean.getKey());
                writeVarint(out, bean.getValue().length);
                out.write(bean.getValue());
            }
            writeVarint(out, user == null ? 0 : user.length + 1L);
            if (user != null) {
                out.write(user);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    /**
     * Decodes a record.
     *
     * @throws IllegalArgumentException when the bytes are not a record of this library
     */
    public static SessionRecord decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalArgumentException("A session record of format " + format + ", not " + FORMAT
                        + ": written by another version of usersession-cdi?");
            }
            long version = readVarint(in);
            long createdAt = in.readLong();
            long zigzag = readVarint(in);
            long lastAccess = createdAt + (zigzag >>> 1 ^ -(zigzag & 1));
            long traceId = in.readLong();
            int count = Math.toIntExact(readVarint(in));
            Map<Long, byte[]> beans = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                long key = in.readLong();
                byte[] state = new byte[Math.toIntExact(readVarint(in))];
                in.readFully(state);
                beans.put(key, state);
            }
            int userLength = Math.toIntExact(readVarint(in)) - 1;
            String principal = null;
            if (userLength >= 0) {
                byte[] user = new byte[userLength];
                in.readFully(user);
                principal = new String(user, StandardCharsets.UTF_8);
            }
            return new SessionRecord(version, createdAt, lastAccess, traceId, Map.copyOf(beans), principal);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Not a session record of usersession-cdi (" + bytes.length + " bytes)",
                    e);
        }
    }

    /** The version of an encoded record, read without decoding the rest. */
    public static long versionOf(byte[] record) {
        long version = 0;
        for (int i = 1, shift = 0; shift < 64; i++, shift += 7) {
            version |= (record[i] & 0x7FL) << shift;
            if (record[i] >= 0) {
                return version;
            }
        }
        throw new IllegalArgumentException("Not a session record of usersession-cdi: its version runs on");
    }

    private static void writeVarint(DataOutputStream out, long value) throws IOException {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            out.writeByte((int) (rest & 0x7F | 0x80));
            rest >>>= 7;
        }
        out.writeByte((int) rest);
    }

    private static long readVarint(DataInputStream in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte next = in.readByte();
            value |= (next & 0x7FL) << shift;
            if (next >= 0) {
                return value;
            }
        }
        throw new IOException("A varint of more than 64 bits");
    }
}
