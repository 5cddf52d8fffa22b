package io.github.usersession.internal.security;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import io.github.usersession.SessionEndReason;

/**
 * The running totals of one application's sessions since it started, for monitoring. Thread-safe; each count is a
 * {@link LongAdder}, so threads that count at once do not contend.
 */
public final class SessionStatistics {

    private final LongAdder created = new LongAdder();
    private final LongAdder rejectedIds = new LongAdder();
    private final LongAdder capRefusals = new LongAdder();
    private final Map<SessionEndReason, LongAdder> ended = new EnumMap<>(SessionEndReason.class);

    public SessionStatistics() {
        for (SessionEndReason reason : SessionEndReason.values()) {
            ended.put(reason, new LongAdder());
        }
    }

    public void created() {
        created.increment();
    }

    public void ended(SessionEndReason reason) {
        ended.get(reason).increment();
    }

    public void rejectedId() {
        rejectedIds.increment();
    }

    public void capRefused() {
        capRefusals.increment();
    }

    public long sessionsCreated() {
        return created.sum();
    }

    /** Sessions ended for any reason. */
    public long sessionsEnded() {
        long sum = 0;
        for (LongAdder count : ended.values()) {
            sum += count.sum();
        }
        return sum;
    }

    public long sessionsEnded(SessionEndReason reason) {
        return ended.get(reason).sum();
    }

    /** Requests that presented a well-formed ID naming no live session. */
    public long sessionIdsRejected() {
        return rejectedIds.sum();
    }

    /** Sessions not started because {@code usersession.max-sessions} were live. */
    public long capRefusals() {
        return capRefusals.sum();
    }
}
