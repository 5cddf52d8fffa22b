package io.github.usersession.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import io.github.usersession.Race;
import io.github.usersession.SessionEndReason;
import io.github.usersession.beans.Cart;
import io.github.usersession.beans.Pricing;
import io.github.usersession.beans.Recorder;
import io.github.usersession.internal.security.SharedPrincipalIndex;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Servers sharing a store, as the servers of a cluster: a session's user travels with its record, so that another
 * server neither takes the sign-in for a new one (which would renew the ID at every hop) nor hands the beans to
 * another user; and through the principal index in the store, each server finds, ends and limits the sessions of a
 * user that any server signed in, including sessions it never served.
 */
@EnableWeld
class SharedPrincipalTest {

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(WeldInitiator.createWeld()
            .addExtension(new UserSessionExtension()).addBeanClasses(Cart.class, Pricing.class)).build();

    @Inject
    BeanManager beanManager;

    @Inject
    Cart cart;

    final SharedMapStore store = new SharedMapStore();

    @BeforeEach
    void clear() {
        Recorder.clear();
    }

    SessionRegistry server(Map<String, String> settings) {
        return store.server(beanManager, UserSessionConfig.from(settings::get));
    }

    SessionRegistry server() {
        return server(Map.of());
    }

    /** A request on the server that finds the session and, as its filter would at the end, writes what changed. */
    void request(SessionRegistry server, SessionId id, Consumer<StoredSession> work) {
        StoredSession session = server.find(id);
        assertNotNull(session, "the session is live on this server");
        Binding binding = Binding.forEntered(server, session);
        Binding previous = binding.bind();
        try {
            work.accept(session);
            binding.beforeCommit();
        } finally {
            Binding.restore(previous);
            binding.release();
        }
    }

    /** A session that the user signs in on at the given server, with a cart holding one item. */
    SessionId signedIn(SessionRegistry server, String user) {
        StoredSession created = server.create();
        server.release(created);
        SessionId id = created.id();
        request(server, id, session -> {
            cart.add("tea");
            server.principals().signIn(session, user);
        });
        return id;
    }

    @Test
    void aUserSignedInOnOneServerIsTheSessionsUserOnAnother() {
        SessionRegistry a = server();
        SessionRegistry b = server();
        SessionId id = signedIn(a, "alice");
        request(b, id, session -> {
            assertEquals("alice", session.principal(), "no second sign-in, no renewal at this hop");
            assertEquals(List.of("tea"), cart.items());
        });
        assertEquals(1, b.principals().liveSessions("alice").size(), "the other server lists the copy it holds");
    }

    @Test
    void endAllOnAnotherServerEndsTheCopiesItHoldsEverywhere() {
        SessionRegistry a = server();
        SessionRegistry b = server();
        SessionId id = signedIn(a, "alice");
        request(b, id, session -> cart.items());
        assertEquals(1, b.principals().endAll("alice"));
        assertNull(a.find(id), "the record is gone: the session is over on every server");
        assertEquals(List.of(), b.principals().liveSessions("alice"));
    }

    @Test
    void aCopyDroppedBecauseItsRecordIsGoneIsNoLongerListed() {
        SessionRegistry a = server();
        SessionRegistry b = server();
        SessionId id = signedIn(a, "alice");
        request(b, id, session -> cart.items());
        StoredSession onA = a.find(id);
        a.release(onA);
        a.end(onA, SessionEndReason.LOGOUT);
        assertNull(b.find(id));
        assertEquals(List.of(), b.principals().liveSessions("alice"));
    }
    /** The keys that the user's record in the store lists, live or not. */
    List<String> filed(String user) {
        return SharedPrincipalIndex.filedKeys(store.principals, user);
    }

    @Test
    void everyServerFindsTheUsersSessionsThatAnyServerSignedIn() {
        SessionRegistry a = server();
        SessionRegistry b = server();
        signedIn(a, "alice");
        signedIn(b, "alice");
        signedIn(b, "bob");
        assertEquals(2, a.principals().liveSessions("alice").size(), "a session that A never served is found");
        assertEquals(2, b.principals().liveSessions("alice").size());
        assertEquals(List.of("alice", "alice"), a.principals().liveSessions("alice").stream()
                .map(StoredSession::principal).toList());
    }

    @Test
    void endAllOnOneServerEndsTheUsersSessionsOfEveryServerOnceAndNoOneElses() {
        SessionRegistry a = server();
        SessionRegistry b = server();
        SessionId onA = signedIn(a, "alice");
        SessionId onB = signedIn(b, "alice");
        SessionId bobs = signedIn(b, "bob");
        Recorder.clear();
        assertEquals(2, a.principals().endAll("alice"));
        assertNull(a.find(onA));
        assertNull(b.find(onB), "the session that only B served is over on B too");
        assertEquals(2, Recorder.count("Cart destroyed"), "each session's beans destroyed once, in the cluster");
        assertEquals(0, b.principals().endAll("alice"));
        assertEquals(List.of(), b.principals().liveSessions("alice"));
        StoredSession bob = b.find(bobs);
        assertNotNull(bob, "another user's session is untouched");
        b.release(bob);
    }

    @Test
    void aSignInBeyondTheLimitEvictsTheOldestSessionWhicheverServerSignedItIn() {
        Map<String, String> limit = Map.of(UserSessionConfig.MAX_SESSIONS_PER_PRINCIPAL, "2");
        SessionRegistry a = server(limit);
        SessionRegistry b = server(limit);
        SessionId oldest = signedIn(b, "alice");
        SessionId second = signedIn(a, "alice");
        Recorder.clear();
        SessionId third = signedIn(a, "alice");
        assertNull(b.find(oldest), "the oldest, signed in on B and never served by A, is evicted");
        assertEquals(1, Recorder.count("Cart destroyed"));
        assertEquals(2, filed("alice").size(), "the evicted session left the user's record");
        for (SessionId kept : List.of(second, third)) {
            StoredSession session = b.find(kept);
            assertNotNull(session);
            b.release(session);
        }
        assertEquals(2, b.principals().liveSessions("alice").size());
    }

    @Test
    void theEvictedSessionEndsAsEvicted() {
        Map<String, String> limit = Map.of(UserSessionConfig.MAX_SESSIONS_PER_PRINCIPAL, "1");
        SessionRegistry a = server(limit);
        SessionRegistry b = server(limit);
        SessionId first = signedIn(a, "alice");
        signedIn(b, "alice");
        assertNull(a.find(first));
        assertEquals(1, b.statistics().sessionsEnded(SessionEndReason.EVICTED),
                "B, whose sign-in evicted it, ended it");
        assertEquals(0, a.statistics().sessionsEnded(), "A only dropped its copy");
    }

    @Test
    void twoSignInsRacingOnTwoServersNeverEvictEachOther() throws Exception {
        Map<String, String> limit = Map.of(UserSessionConfig.MAX_SESSIONS_PER_PRINCIPAL, "1");
        SessionRegistry a = server(limit);
        SessionRegistry b = server(limit);
        for (int round = 0; round < 50; round++) {
            String user = "user" + round;
            List<SessionId> ids = Race.run(List.<Callable<SessionId>>of(() -> signedIn(a, user),
                    () -> signedIn(b, user)), Duration.ofSeconds(10));
            long live = ids.stream().filter(id -> {
                StoredSession session = a.find(id);
                if (session != null) {
                    a.release(session);
                }
                return session != null;
            }).count();
            assertEquals(1, live, "one of the two sign-ins survives, round " + round);
            assertEquals(1, a.principals().liveSessions(user).size());
        }
    }

    @Test
    void aSignInThatAnotherServersSignInOvertookIsAppliedOnTopOfItNeverOverIt() {
        Map<String, String> limit = Map.of(UserSessionConfig.MAX_SESSIONS_PER_PRINCIPAL, "1");
        SessionRegistry a = server(limit);
        SessionRegistry b = server(limit);
        StoredSession created = a.create();
        a.release(created);
        // B's whole sign-in comes between A's read of the user's record and A's write.
        store.principals.beforeNextWrite = () -> signedIn(b, "alice");
        request(a, created.id(), session -> assertTrue(a.principals().signIn(session, "alice")));
        assertEquals(1, filed("alice").size(), "A's write did not overwrite B's entry: it evicted B's session");
        assertEquals(List.of(created.trace()), a.principals().liveSessions("alice").stream()
                .map(StoredSession::trace).toList(), "the later sign-in, A's, is the one that stays");
    }

    @Test
    void aLogoutAndEndAllTakeTheSessionsOutOfTheirUsersRecord() {
        SessionRegistry a = server();
        SessionRegistry b = server();
        SessionId first = signedIn(a, "alice");
        signedIn(b, "alice");
        StoredSession session = b.find(first);
        b.release(session);
        b.end(session, SessionEndReason.LOGOUT);
        assertEquals(1, filed("alice").size(), "the logout on another server took the entry out");
        assertEquals(1, a.principals().endAll("alice"));
        assertEquals(List.of(), filed("alice"));
    }

    @Test
    void aLogoutEndsTheSessionEvenWhenTheUsersRecordCannotBeWritten() {
        SessionRegistry a = server();
        SessionId id = signedIn(a, "alice");
        StoredSession session = a.find(id);
        a.release(session);
        Recorder.clear();
        store.principals.unreachable = true;
        assertTrue(a.end(session, SessionEndReason.LOGOUT));
        store.principals.unreachable = false;
        assertNull(store.records.get(Replication.key(id)), "the session's record is gone: the ID works nowhere");
        assertEquals(1, Recorder.count("Cart destroyed"));
        assertEquals(List.of(), a.principals().liveSessions("alice"), "the entry left behind is skipped");
    }

    @Test
    void aSignInThatCannotBeFiledLeavesTheSessionAnonymous() {
        SessionRegistry a = server();
        StoredSession created = a.create();
        a.release(created);
        store.principals.unreachable = true;
        assertThrows(IllegalStateException.class, () -> a.principals().signIn(created, "alice"));
        store.principals.unreachable = false;
        assertNull(created.principal(), "not owned by a user whose index does not list it");
    }

    @Test
    void anEndRacingARenewalOnAnotherServerStillEndsTheSession() {
        SessionRegistry a = server();
        SessionRegistry b = server();
        SessionId id = signedIn(a, "alice");
        StoredSession onA = a.find(id);
        a.release(onA);
        StoredSession onB = b.find(id);
        assertTrue(b.renewId(onB));
        b.release(onB);
        Recorder.clear();
        assertTrue(a.end(onA, SessionEndReason.LOGOUT),
                "A's copy, under the old key, follows the record to its new one");
        assertNull(b.find(onB.id()));
        assertEquals(1, Recorder.count("Cart destroyed"));
    }

    @Test
    void aRenewedIdKeepsTheSessionAmongItsUsersOnEveryServer() {
        SessionRegistry a = server();
        SessionRegistry b = server();
        SessionId id = signedIn(a, "alice");
        StoredSession onB = b.find(id);
        assertTrue(b.renewId(onB));
        b.release(onB);
        List<StoredSession> found = a.principals().liveSessions("alice");
        assertEquals(1, found.size());
        assertEquals(1, a.principals().endAll("alice"));
        assertNull(b.find(onB.id()), "the renewed ID's session is the one ended");
    }

    @Test
    void aSessionTheStoreExpiredLeavesItsUsersRecord() {
        SessionRegistry a = server();
        server();
        signedIn(a, "alice");
        store.expireAll();
        assertEquals(List.of(), a.principals().liveSessions("alice"));
        assertEquals(1, store.principals.records.size());
        store.principals.records.values().forEach(record -> assertEquals(5, record.length,
                "the expired session is no longer filed: the record is its format byte and a count of 0"));
    }

    @Test
    void aSessionWhoseEndTheStoreNeverReportedIsNotListedNorCountedAgainstTheLimit() {
        Map<String, String> limit = Map.of(UserSessionConfig.MAX_SESSIONS_PER_PRINCIPAL, "1");
        SessionRegistry a = server(limit);
        SessionId lost = signedIn(a, "alice");
        store.records.remove(Replication.key(lost)); // gone without a report: the principal record still lists it
        assertEquals(List.of(), a.principals().liveSessions("alice"));
        SessionId next = signedIn(a, "alice");
        StoredSession session = a.find(next);
        assertNotNull(session);
        a.release(session);
        assertEquals(1, a.principals().liveSessions("alice").size());
    }

    @Test
    void withoutAPrincipalIndexInTheStoreEachServerListsOnlyTheCopiesItHolds() {
        SharedMapStore plain = new SharedMapStore(false);
        SessionRegistry a = plain.server(beanManager, UserSessionConfig.from(Map.<String, String>of()::get));
        SessionRegistry b = plain.server(beanManager, UserSessionConfig.from(Map.<String, String>of()::get));
        signedIn(a, "alice");
        assertEquals(1, a.principals().liveSessions("alice").size());
        assertEquals(0, b.principals().liveSessions("alice").size());
    }
}
