package io.github.usersession.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.usersession.SessionEndReason;
import io.github.usersession.SessionHandle;
import io.github.usersession.SessionLimitException;
import jakarta.enterprise.context.spi.Contextual;
import jakarta.enterprise.context.spi.CreationalContext;
import org.junit.jupiter.api.Test;

/**
 * Timeouts, reaping, renewal and the cap, on a registry with a clock the test moves by hand.
 */
class SessionRegistryTest {

    static final long MINUTE = 60_000;

    final AtomicLong clock = new AtomicLong(1_000_000);
    final LiveSessions store = new LiveSessions();
    final SessionRegistry registry = new SessionRegistry(config(Map.of("usersession.max-sessions", "3")),
            store, new SessionEvents(null), clock::get);

    static UserSessionConfig config(Map<String, String> values) {
        return UserSessionConfig.from(values::get);
    }

    StoredSession createAndRelease() {
        StoredSession session = registry.create();
        registry.release(session);
        return session;
    }

    @Test
    void idleTimeoutEndsAnUnusedSession() {
        StoredSession session = createAndRelease();
        clock.addAndGet(30 * MINUTE - 1);
        assertSame(session, registry.find(session.id()));
        registry.release(session);
        clock.addAndGet(30 * MINUTE);
        assertNull(registry.find(session.id()));
        assertEquals(SessionEndReason.IDLE_TIMEOUT, session.endReason());
    }

    @Test
    void useDefersTheIdleTimeout() {
        StoredSession session = createAndRelease();
        for (int i = 0; i < 10; i++) {
            clock.addAndGet(20 * MINUTE);
            assertSame(session, registry.find(session.id()));
            registry.release(session);
            registry.reap();
        }
        assertTrue(session.isLive());
    }

    @Test
    void absoluteTimeoutEndsEvenABusySession() {
        StoredSession session = createAndRelease();
        for (int i = 0; i < 8 * 6 - 1; i++) {
            clock.addAndGet(10 * MINUTE);
            assertSame(session, registry.find(session.id()));
            registry.release(session);
        }
        clock.addAndGet(10 * MINUTE);
        assertNull(registry.find(session.id()));
        assertEquals(SessionEndReason.ABSOLUTE_TIMEOUT, session.endReason());
    }

    @Test
    void reaperEndsExpiredSessionsWithNoTraffic() {
        StoredSession session = createAndRelease();
        clock.addAndGet(30 * MINUTE + 1000);
        registry.reap();
        assertEquals(SessionEndReason.IDLE_TIMEOUT, session.endReason());
        assertEquals(0, registry.count());
    }

    @Test
    void reaperLeavesSessionsThatWereUsedSinceTheyWereFiled() {
        StoredSession session = createAndRelease();
        clock.addAndGet(29 * MINUTE);
        registry.find(session.id());
        registry.release(session);
        clock.addAndGet(2 * MINUTE);
        registry.reap();
        assertTrue(session.isLive());
        clock.addAndGet(29 * MINUTE);
        registry.reap();
        assertEquals(SessionEndReason.IDLE_TIMEOUT, session.endReason());
    }

    @Test
    void sessionInUseIsDestroyedOnlyWhenItsLastUserLetsGo() {
        StoredSession session = createAndRelease();
        CountingBean bean = new CountingBean();
        assertSame(session, registry.find(session.id()));
        session.instance(bean, null);
        clock.addAndGet(8 * 60 * MINUTE);
        registry.reap();
        assertFalse(session.isLive());
        assertNull(registry.find(session.id()), "the ID stops working at once");
        assertEquals(0, bean.destroyed.get(), "a request still uses the session");
        registry.release(session);
        assertEquals(1, bean.destroyed.get());
    }

    @Test
    void renewedIdIsTheOnlyOneThatWorks() {
        StoredSession session = createAndRelease();
        SessionId old = session.id();
        assertTrue(registry.renewId(session));
        assertNotEquals(old, session.id());
        assertNull(registry.find(old));
        assertSame(session, registry.find(session.id()));
        assertEquals(1, registry.count());
    }

    @Test
    void capRefusesNewSessionsAndASlotFreedByExpiryIsUsableAtOnce() {
        StoredSession first = createAndRelease();
        clock.addAndGet(MINUTE);
        createAndRelease();
        createAndRelease();
        SessionLimitException refused = assertThrows(SessionLimitException.class, registry::create);
        assertTrue(refused.getMessage().startsWith("usersession.max-sessions: all 3"), refused.getMessage());
        clock.addAndGet(29 * MINUTE);
        assertNull(registry.find(first.id()));
        registry.release(createAndRelease());
        assertEquals(3, registry.count());
    }

    @Test
    void stopEndsEverySessionAndRefusesNewOnes() {
        StoredSession session = createAndRelease();
        CountingBean bean = new CountingBean();
        registry.enter(session);
        session.instance(bean, null);
        registry.release(session);
        registry.stop();
        registry.stop();
        assertEquals(SessionEndReason.SHUTDOWN, session.endReason());
        assertEquals(1, bean.destroyed.get());
        assertThrows(IllegalStateException.class, registry::create);
    }

    @Test
    void reaperThreadDestroysWithinSecondsAndStopsWithTheApplication() throws Exception {
        SessionRegistry live = new SessionRegistry(config(Map.of("usersession.idle-timeout", "PT1S")),
                new LiveSessions(), new SessionEvents(null), System::currentTimeMillis);
        live.startReaper();
        StoredSession session = live.create();
        CountingBean bean = new CountingBean();
        session.instance(bean, null);
        live.release(session);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (bean.destroyed.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(1, bean.destroyed.get(), "destroyed within 5 seconds of its 1 second idle timeout");
        assertEquals(SessionEndReason.IDLE_TIMEOUT, session.endReason());
        assertTrue(reaperThreads() > 0);
        live.stop();
        // awaitTermination may return a moment before the worker thread has died.
        for (long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                reaperThreads() > 0 && System.nanoTime() < until; ) {
            Thread.sleep(10);
        }
        assertEquals(0, reaperThreads());
    }

    @Test
    void expiresAtIsTheEarlierOfTheIdleAndTheAbsoluteDeadline() {
        long start = clock.get();
        StoredSession session = createAndRelease();
        SessionHandle handle = registry.handle(session);
        assertEquals(Instant.ofEpochMilli(start + 30 * MINUTE), handle.expiresAt());
        for (int minutes = 20; minutes <= 460; minutes += 20) {
            clock.set(start + minutes * MINUTE);
            registry.release(registry.find(session.id()));
        }
        // Used at 460 minutes: idle until 490, but the absolute timeout of 8 hours comes first.
        assertEquals(Instant.ofEpochMilli(start + 480 * MINUTE), handle.expiresAt());
    }

    @Test
    void endingRemovesTheIdFromTheStore() {
        StoredSession session = createAndRelease();
        SessionId id = session.id();
        registry.end(session, SessionEndReason.LOGOUT);
        assertNull(store.get(id));
        assertEquals(0, registry.count());
    }

    @Test
    void expiredSessionCannotBeBoundExplicitlyEither() {
        StoredSession session = createAndRelease();
        clock.addAndGet(30 * MINUTE);
        assertFalse(registry.enter(session));
        assertEquals(SessionEndReason.IDLE_TIMEOUT, session.endReason());
    }

    @Test
    void loggedOutSessionsDoNotPileUpInTheExpiryQueue() {
        for (int i = 0; i < 5000; i++) {
            StoredSession session = registry.create();
            registry.end(session, SessionEndReason.LOGOUT);
            registry.release(session);
        }
        registry.reap();
        assertTrue(registry.queued() <= 1024, registry.queued() + " ended sessions are still queued");
    }

    @Test
    void sessionCreatedWhileStoppingIsRefused() {
        registry.stop();
        assertThrows(IllegalStateException.class, registry::create);
        assertEquals(0, registry.count());
    }

    @Test
    void expiryQueueHandsOutOnlyDueSessions() {
        ExpiryQueue queue = new ExpiryQueue();
        List<StoredSession> sessions = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            StoredSession session = new StoredSession(SessionId.random(), 0);
            sessions.add(session);
            queue.add(session, session.deadline(30 * MINUTE, 480 * MINUTE));
        }
        assertEquals(List.of(), queue.pollDue(30 * MINUTE - 1001));
        assertEquals(1000, queue.pollDue(30 * MINUTE).size());
        assertTrue(queue.isEmpty());
    }

    private static long reaperThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("usersession-reaper") && thread.isAlive()).count();
    }

    /** A contextual that counts its destructions. */
    static final class CountingBean implements Contextual<Object> {
        final AtomicInteger destroyed = new AtomicInteger();

        @Override
        public Object create(CreationalContext<Object> creationalContext) {
            return new Object();
        }

        @Override
        public void destroy(Object instance, CreationalContext<Object> creationalContext) {
            destroyed.incrementAndGet();
        }
    }
}
