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
// Layout, big-endian: format (1 byte), version, created, last access, trace ID (8 bytes each), bean count (4), then per
// bean its key (8), length (4) and bytes, then the principal's length in UTF-8 bytes (4; -1 for none) and those bytes.
// About 50 bytes beyond the beans' own and the principal's, to keep an idle session small.
public final class SessionRecord {

    /** 2 since the record carries its principal. */
    private static final byte FORMAT = 2;

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
        int size = 41 + (user == null ? 0 : user.length);
        for (byte[] bytes : beans.values()) {
            size += 12 + bytes.length;
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(size);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeByte(FORMAT);
            out.writeLong(version);
            out.writeLong(createdAt);
            out.writeLong(lastAccess);
            out.writeLong(traceId);
            out.writeInt(beans.size());
            for (Map.Entry<Long, byte[]> bean : beans.entrySet()) {
                out.writeLong(bean.getKey());
                out.writeInt(bean.getValue().length);
                out.write(bean.getValue());
            }
            out.writeInt(user == null ? -1 : user.length);
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
            long version = in.readLong();
            long createdAt = in.readLong();
            long lastAccess = in.readLong();
            long traceId = in.readLong();
            int count = in.readInt();
            Map<Long, byte[]> beans = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                long key = in.readLong();
                byte[] state = new byte[in.readInt()];
                in.readFully(state);
                beans.put(key, state);
            }
            int userLength = in.readInt();
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
        for (int i = 1; i <= 8; i++) {
            version = version << 8 | (record[i] & 0xFF);
        }
        return version;
    }
}
