package io.github.usersession.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

import io.github.usersession.Race;
import io.github.usersession.SessionEndReason;
import io.github.usersession.internal.SessionRegistries;
import io.github.usersession.internal.SessionRegistry;
import io.github.usersession.internal.StoredSession;
import org.junit.jupiter.api.Test;

/**
 * The rules of ownership on a registry with a clock the test moves: the per-user limit, revocation, and an index that
 * never keeps what has ended.
 */
class PrincipalsTest {

    static final long MINUTE = 60_000;

    final AtomicLong clock = new AtomicLong(1_000_000);

    SessionRegistry registry(Map<String, String> settings) {
        return SessionRegistries.withClock(settings, clock::get);
    }

    StoredSession session(SessionRegistry registry) {
        clock.incrementAndGet(); // a distinct creation time for each
        return SessionRegistries.createAndRelease(registry);
    }

    @Test
    void racingSignInsOfOneUserLeaveExactlyTheLimit() throws Exception {
        SessionRegistry registry = registry(Map.of("usersession.max-sessions-per-principal", "2"));
        for (int round = 0; round < 300; round++) {
            List<StoredSession> racing = new ArrayList<>();
            List<Callable<Boolean>> signIns = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                StoredSession session = session(registry);
                racing.add(session);
                signIns.add(() -> registry.principals().signIn(session, "alice"));
            }
            Race.run(signIns, Duration.ofSeconds(10));
            List<StoredSession> live = registry.principals().liveSessions("alice");
            assertEquals(2, live.size(), "round " + round + ": exactly the limit survives");
            assertEquals(2, racing.stream().filter(StoredSession::isLive).count(), "round " + round);
            racing.stream().filter(session -> !session.isLive())
                    .forEach(session -> assertEquals(SessionEndReason.EVICTED, SessionRegistries.endReason(session)));
            registry.principals().endAll("alice");
        }
    }

    @Test
    void expiredSessionNeverBecomesAUsers() {
        SessionRegistry registry = registry(Map.of());
        StoredSession session = session(registry);
        clock.addAndGet(31 * MINUTE);
        assertNull(registry.find(session.id()));
        assertFalse(registry.principals().signIn(session, "alice"));
        assertEquals(List.of(), registry.principals().liveSessions("alice"));
    }

    @Test
    void aSessionsUserNeverChanges() {
        SessionRegistry registry = registry(Map.of());
        StoredSession session = session(registry);
        assertTrue(registry.principals().signIn(session, "alice"));
        assertFalse(registry.principals().signIn(session, "bob"));
        assertEquals("alice", session.principal());
        assertEquals(List.of(), registry.principals().liveSessions("bob"));
    }

    @Test
    void endAllCountsOnlyTheSessionsItEnded() {
        SessionRegistry registry = registry(Map.of());
        StoredSession first = session(registry);
        StoredSession second = session(registry);
        registry.principals().signIn(first, "alice");
        registry.principals().signIn(second, "alice");
        assertEquals(List.of(first, second), registry.principals().liveSessions("alice"), "oldest first");
        assertEquals(2, registry.principals().endAll("alice"));
        assertEquals(0, registry.principals().endAll("alice"));
        assertEquals(SessionEndReason.REVOKED, SessionRegistries.endReason(first));
    }

    @Test
    void indexForgetsAUserWhoseSessionsAllEnded() {
        LocalPrincipalIndex index = new LocalPrincipalIndex();
        SessionRegistry registry = SessionRegistries.withIndex(index, clock::get);
        for (int i = 0; i < 100; i++) {
            StoredSession session = session(registry);
            registry.principals().signIn(session, "user" + i);
        }
        assertEquals(100, index.principals());
        clock.addAndGet(31 * MINUTE);
        SessionRegistries.reap(registry);
        assertEquals(0, index.principals(), "ended sessions leave no entry behind");
    }
}
