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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.usersession.Race;
import io.github.usersession.SessionEndReason;
import io.github.usersession.beans.Account;
import io.github.usersession.beans.Audit;
import io.github.usersession.beans.Cart;
import io.github.usersession.beans.Farewell;
import io.github.usersession.beans.Pricing;
import io.github.usersession.beans.Recorder;
import io.github.usersession.beans.Shelf;
import io.github.usersession.internal.store.BeanSerializer;
import io.github.usersession.internal.store.SessionRecord;
import io.github.usersession.internal.threads.CartEndpoint;
import io.github.usersession.internal.threads.EndpointInstances;
import io.github.usersession.internal.threads.FakeConnection;
import io.github.usersession.internal.threads.SessionTasks;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two registries that share one store behave as two servers of a cluster: any of them serves any session, and only
 * what a request changed is written.
 */
@EnableWeld
class SharedStoreTest {

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(WeldInitiator.createWeld()
            .addExtension(new UserSessionExtension())
            .addBeanClasses(Cart.class, Pricing.class, Account.class, Shelf.class, Farewell.class, Audit.class))
            .build();

    @Inject
    BeanManager beanManager;

    @Inject
    Cart cart;

    @Inject
    Account account;

    @Inject
    Shelf shelf;

    @Inject
    Farewell farewell;

    final SharedMapStore store = new SharedMapStore();
    SessionRegistry a;
    SessionRegistry b;

    @BeforeEach
    void servers() {
        Recorder.clear();
        a = server();
        b = server();
    }

    SessionRegistry server() {
        return store.server(beanManager, UserSessionConfig.from(Map.of("usersession.idle-timeout", "PT30M")::get));
    }

    /** A new session, started by a request on the server that uses it. */
    SessionId create(SessionRegistry server, Runnable work) {
        StoredSession session = server.create();
        run(server, session, work);
        return session.id();
    }

    <T> T request(SessionRegistry server, SessionId id, Supplier<T> work) {
        StoredSession session = server.find(id);
        assertNotNull(session, "the session is live on this server");
        return run(server, session, work::get);
    }

    static <T> T run(SessionRegistry server, StoredSession session, Callable<T> work) {
        Binding binding = Binding.forEntered(server, session);
        Binding previous = binding.bind();
        try {
            T result = work.call();
            binding.beforeCommit();
            return result;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            Binding.restore(previous);
            binding.release();
        }
    }

    private static <T> T run(SessionRegistry server, StoredSession session, Runnable work) {
        return run(server, session, () -> {
            work.run();
            return null;
        });
    }

    @Test
    void whatARequestChangedOnOneServerIsSeenByTheNextRequestOnAnother() {
        SessionId id = create(a, () -> cart.add("tea"));
        assertEquals(List.of("tea"), request(b, id, cart::items));
        request(b, id, () -> {
            cart.add("milk");
            return null;
        });
        assertEquals(List.of("tea", "milk"), request(a, id, cart::items));
    }

    @Test
    void unchangedBeansAreNotWrittenAgain() {
        SessionId id = create(a, () -> cart.add("tea"));
        request(b, id, cart::items);
        int writes = store.writes.get();
        for (int i = 0; i < 5; i++) {
            request(i % 2 == 0 ? a : b, id, cart::items);
        }
        assertEquals(writes, store.writes.get(), "reads write nothing");
    }

    @Test
    void onlyTheBeansARequestUsedAreSerializedAgain() {
        SessionId id = create(a, () -> {
            cart.add("tea");
            shelf.put("jam");
        });
        request(b, id, () -> {
            shelf.names();
            return null;
        });
        int reads = Shelf.READS.get();
        request(b, id, () -> {
            cart.add("milk");
            return null;
        });
        request(b, id, cart::items);
        assertEquals(reads, Shelf.READS.get(), "the shelf, unused, is neither written nor read again");
        assertEquals(List.of("jam"), request(a, id, shelf::names));
    }

    @Test
    void aServerThatServedTheLastRequestDoesNotDeserializeAgain() {
        SessionId id = create(a, () -> shelf.put("jam"));
        request(b, id, shelf::names);
        int reads = Shelf.READS.get();
        for (int i = 0; i < 3; i++) {
            request(b, id, shelf::names);
        }
        assertEquals(reads, Shelf.READS.get());
        request(a, id, () -> {
            shelf.put("honey");
            return null;
        });
        assertEquals(List.of("jam", "honey"), request(b, id, shelf::names));
        assertEquals(reads + 1, Shelf.READS.get(), "read again once, after the other server changed it");
    }

    @Test
    void concurrentRequestsChangingDifferentBeansOnTwoServersKeepBothChanges() throws Exception {
        for (int round = 0; round < 50; round++) {
            SessionId id = create(a, () -> {
                cart.add("start");
                shelf.put("start");
            });
            request(b, id, () -> List.of(cart.items(), shelf.names()));
            Race.run(List.of(() -> request(a, id, () -> {
                cart.add("from a");
                return null;
            }), () -> request(b, id, () -> {
                shelf.put("from b");
                return null;
            })), Duration.ofSeconds(10));
            assertEquals(List.of("start", "from a"), request(b, id, cart::items), "round " + round);
            assertEquals(List.of("start", "from b"), request(a, id, shelf::names), "round " + round);
        }
    }

    @Test
    void logoutOnOneServerIsRefusedOnEveryOther() {
        SessionId id = create(a, () -> cart.add("tea"));
        request(b, id, cart::items);
        request(a, id, () -> {
            Binding.current().end();
            return null;
        });
        assertNull(b.find(id), "the other server refuses the ended ID");
        assertEquals(1, Recorder.count("Cart destroyed"), "destroyed once, by the server that ended it");
    }

    @Test
    void renewalOnOneServerMovesTheSessionForEveryServer() {
        SessionId old = create(a, () -> cart.add("tea"));
        request(b, old, cart::items);
        StoredSession session = a.find(old);
        run(a, session, () -> account.signIn("alice"));
        assertTrue(a.renewId(session));
        a.release(session);
        SessionId renewed = session.id();
        assertNull(b.find(old), "the old ID is refused on the other server");
        assertEquals("alice", request(b, renewed, account::user));
        assertEquals(List.of("tea"), request(b, renewed, cart::items));
    }

    @Test
    void logoutNamingAnIdRenewedOnAnotherServerEndsItsSuccessor() {
        SessionId old = create(a, () -> cart.add("tea"));
        StoredSession session = a.find(old);
        assertTrue(a.renewId(session));
        a.release(session);
        StoredSession successor = b.renamedSession(old);
        assertNotNull(successor);
        b.end(successor, SessionEndReason.LOGOUT);
        assertNull(a.find(session.id()));
        assertEquals(1, Recorder.count("Cart destroyed"));
    }

    @Test
    void theStoresExpiryIsAbsoluteWhenTheRecordsAbsoluteDeadlineCameFirstWhateverTheClockSays() {
        Replication replication = new Replication(store, new BeanSerializer(getClass().getClassLoader()),
                new BeanIndex(beanManager), Duration.ofSeconds(3), Duration.ofSeconds(10));
        // Used at 9 s: its idle deadline (12.3 s) is after its absolute one (10 s), so its time to live was absolute.
        byte[] busy = new SessionRecord(7, 0, 9_000, 1, Map.of()).encode();
        assertEquals(SessionEndReason.ABSOLUTE_TIMEOUT, replication.expiryReason(busy));
        byte[] idle = new SessionRecord(7, 0, 1_000, 1, Map.of()).encode();
        assertEquals(SessionEndReason.IDLE_TIMEOUT, replication.expiryReason(idle));
    }

    @Test
    void expiryInTheStoreDestroysEachBeanOnceWithItsStateOnOneServer() {
        SessionId id = create(a, farewell::greet);
        request(b, id, () -> {
            cart.add("from b");
            return null;
        });
        store.expireAll();
        List<String> events = Recorder.events();
        assertEquals(1, Recorder.count("Farewell destroyed"), events.toString());
        assertEquals(1, Recorder.count("audit: bye with [hello, from b]"), events.toString());
        assertEquals(1, Recorder.count("Cart destroyed"), events.toString());
        assertEquals(1, Recorder.count("Audit destroyed"), events.toString());
        assertNull(a.find(id));
        assertNull(b.find(id));
    }

    @Test
    void aBeanThatCannotBeSerializedFailsWithTheFieldPath() {
        SessionId id = create(a, () -> shelf.put("jam"));
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> request(a, id, () -> {
                    shelf.putFromSupplier("honey");
                    return null;
                }));
        assertTrue(failure.getMessage().contains(
                "Shelf.items[1].supplier: io.github.usersession.beans.Shelf$Supplier is not Serializable"),
                failure.getMessage());
    }

    @Test
    void aTaskSeesWhatAnotherServerWroteBeforeItBeganAndFindsALogoutThere() throws Exception {
        SessionId id = create(a, () -> cart.add("tea"));
        Supplier<List<String>> onA = run(a, a.find(id), () -> SessionTasks.supplier(cart::items));
        request(b, id, () -> {
            cart.add("milk");
            return null;
        });
        assertEquals(List.of("tea", "milk"), CompletableFuture.supplyAsync(onA).get(10, TimeUnit.SECONDS));
        request(b, id, () -> {
            Binding.current().end();
            return null;
        });
        ExecutionException ended = assertThrows(ExecutionException.class,
                () -> CompletableFuture.supplyAsync(onA).get(10, TimeUnit.SECONDS));
        assertTrue(ended.getCause() instanceof ContextNotActiveException, String.valueOf(ended.getCause()));
        assertTrue(ended.getCause().getMessage().contains("has ended"), ended.getCause().getMessage());
    }

    @Test
    void aSocketWhoseSessionEndedOnAnotherServerIsClosedAtItsNextCall() throws Exception {
        SessionId id = create(a, () -> cart.add("tea"));
        FakeConnection socket = new FakeConnection(a, "USERSESSION=" + id.encoded());
        CartEndpoint endpoint = new EndpointInstances().create(beanManager, CartEndpoint.class);
        endpoint.open(socket.session());
        request(b, id, () -> {
            Binding.current().end();
            return null;
        });
        assertThrows(ContextNotActiveException.class, () -> endpoint.add("jam"));
        assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY, socket.closedWith().getCloseCode());
    }

    @Test
    void theCapCountsTheSessionsOfEveryServer() {
        SessionRegistry small = server();
        for (int i = 0; i < 3; i++) {
            create(a, () -> cart.add("tea"));
        }
        assertEquals(3, small.count());
    }
}
