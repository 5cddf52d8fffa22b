package io.github.usersession.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.github.usersession.Race;
import io.github.usersession.beans.Account;
import io.github.usersession.beans.Audit;
import io.github.usersession.beans.Cart;
import io.github.usersession.beans.Farewell;
import io.github.usersession.beans.Pricing;
import io.github.usersession.beans.Recorder;
import io.github.usersession.beans.Shelf;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With a store that reports every change and confirms every removal, a server whose copy of a session has the version
 * the client last saw serves it without reading the store; any doubt costs one read, never a stale or ended session.
 */
@EnableWeld
class VersionedCopyTest {

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
    Shelf shelf;

    final SharedMapStore store = new SharedMapStore();
    SessionRegistry a;
    SessionRegistry b;

    @BeforeEach
    void servers() {
        Recorder.clear();
        store.reportsChanges = true;
        a = server("PT30M");
        b = server("PT30M");
    }

    SessionRegistry server(String idleTimeout) {
        return store.server(beanManager, UserSessionConfig.from(Map.of("usersession.idle-timeout", idleTimeout)::get));
    }

    /** A client: the ID it holds and the version of the record its last response showed. */
    static final class Client {
        SessionId id;
        long version;

        /** Another tab of the same browser: the cookies it holds now, each tab learning on its own from here. */
        Client tab() {
            Client tab = new Client();
            tab.id = id;
            tab.version = version;
            return tab;
        }
    }

    Client create(SessionRegistry server, Runnable work) {
        Client client = new Client();
        StoredSession session = server.create();
        client.id = session.id();
        run(client, server, session, () -> {
            work.run();
            return null;
        });
        return client;
    }

    <T> T request(Client client, SessionRegistry server, Callable<T> work) {
        StoredSession session = server.find(client.id, client.version);
        assertNotNull(session, "the session is live on this server");
        return run(client, server, session, work);
    }

    /** As a response does: the client learns the version it was served once the request has saved. */
    private static <T> T run(Client client, SessionRegistry server, StoredSession session, Callable<T> work) {
        T result = SharedStoreTest.run(server, session, work);
        client.version = server.version(session);
        return result;
    }

    @Test
    void aCopyOfTheVersionTheClientSawServesWithoutAReadOfTheStore() throws Exception {
        Client client = create(a, () -> cart.add("tea"));
        int reads = store.reads.get();
        for (int i = 0; i < 5; i++) {
            assertEquals(List.of("tea"), request(client, a, cart::items));
        }
        assertEquals(reads, store.reads.get(), "five requests on the server that served the last one read nothing");
    }

    @Test
    void aClientShowingNoVersionOrAnotherOneGetsTheRecordRead() throws Exception {
        Client client = create(a, () -> cart.add("tea"));
        long seen = client.version;
        for (long shown : new long[] {0, seen + 1, seen - 1}) {
            int reads = store.reads.get();
            client.version = shown;
            assertEquals(List.of("tea"), request(client, a, cart::items));
            assertEquals(reads + 1, store.reads.get(), "version " + shown + " against the copy's " + seen);
        }
    }

    @Test
    void aStoreThatDoesNotReportEveryChangeIsReadOnEveryRequest() throws Exception {
        store.reportsChanges = false;
        SessionRegistry unreported = server("PT30M");
        Client client = create(unreported, () -> cart.add("tea"));
        assertEquals(0, client.version, "no version is shown to clients");
        int reads = store.reads.get();
        client.version = unreported.version(unreported.find(client.id));
        request(client, unreported, cart::items);
        assertEquals(reads + 2, store.reads.get());
    }

    @Test
    void aWriteOnAnotherServerReachesTheCopyHereThroughTheStoresReport() throws Exception {
        Client client = create(a, () -> cart.add("tea"));
        request(client, b, () -> {
            cart.add("milk");
            return null;
        });
        store.awaitReports();
        int reads = store.reads.get();
        assertEquals(List.of("tea", "milk"), request(client, a, cart::items));
        assertEquals(reads, store.reads.get(), "the report brought A's copy to the version B showed the client");
    }

    @Test
    void aClientThatHasNotSeenTheOtherServersWriteIsServedWhatItSawOrNewer() throws Exception {
        Client client = create(a, () -> cart.add("tea"));
        Client otherTab = client.tab();
        store.silent = true; // B's write is not reported to A yet
        request(client, b, () -> {
            cart.add("milk");
            return null;
        });
        store.silent = false;
        int reads = store.reads.get();
        assertEquals(List.of("tea"), request(otherTab, a, cart::items), "sent before the client saw B's response");
        assertEquals(reads, store.reads.get());
        assertEquals(List.of("tea", "milk"), request(client, a, cart::items), "sent after it: read, not stale");
        assertEquals(reads + 1, store.reads.get());
    }

    /**
     * Rule 3 with reports: two servers writing the same version at once (one of them fails its compare-and-set and
     * skips the other's report of that version, taken for its own) still end with both changes on both copies.
     */
    @Test
    void concurrentWritesOfDifferentBeansOnTwoServersReachBothCopies() throws Exception {
        for (int round = 0; round < 50; round++) {
            Client client = create(a, () -> {
                cart.add("start");
                shelf.put("start");
            });
            request(client, b, () -> List.of(cart.items(), shelf.names()));
            Client onA = client.tab();
            Client onB = client.tab();
            Race.run(List.of(() -> request(onA, a, () -> {
                cart.add("from a");
                return null;
            }), () -> request(onB, b, () -> {
                shelf.put("from b");
                return null;
            })), Duration.ofSeconds(10));
            client.version = Math.max(onA.version, onB.version);
            store.awaitReports();
            for (SessionRegistry server : List.of(a, b)) {
                assertEquals(List.of(List.of("start", "from a"), List.of("start", "from b")),
                        request(client, server, () -> List.of(cart.items(), shelf.names())), "round " + round);
            }
        }
    }

    @Test
    void aLateReportOfAnOlderWriteDoesNotTakeTheCopyBack() throws Exception {
        Client client = create(a, () -> cart.add("tea"));
        String key = Replication.key(client.id);
        byte[] older = store.records.get(key);
        request(client, a, () -> {
            cart.add("milk");
            return null;
        });
        long version = client.version;
        store.awaitReports();
        store.servers.get(0).changed(key, older);
        int reads = store.reads.get();
        assertEquals(List.of("tea", "milk"), request(client, a, cart::items));
        assertEquals(version, client.version);
        assertEquals(reads, store.reads.get());
    }

    @Test
    void logoutOnAnotherServerIsRefusedHereWhateverVersionTheClientShows() throws Exception {
        Client client = create(a, () -> cart.add("tea"));
        request(client, b, cart::items);
        long version = client.version;
        request(client, b, () -> {
            Binding.current().end();
            return null;
        });
        assertNull(a.find(client.id, version), "the copy went when the store confirmed the removal");
        assertEquals(1, Recorder.count("Cart destroyed"));
    }

    /** The report of a removal that comes while a request is between reading the record and filing its copy. */
    @Test
    void aLogoutBetweenAnotherServersReadAndItsFilingOfACopyLeavesNoCopyServing() throws Exception {
        Client client = create(a, () -> cart.add("tea"));
        long version = client.version;
        store.afterNextRead = () -> request(client, a, () -> {
            Binding.current().end();
            return null;
        });
        assertNull(b.find(client.id, version), "the copy filed after the removal was reported is dropped");
        assertNull(b.find(client.id, version), "and so the old ID with its version is refused on B");
    }

    /** A report that arrives while a request uses the copy leaves it alone: the request's change is not lost. */
    @Test
    void aChangeMadeByARequestIsNotLostToAReportArrivingBeforeItSaves() throws Exception {
        Client client = create(a, () -> cart.add("tea"));
        Client onB = new Client();
        onB.id = client.id;
        request(onB, b, cart::items);
        StoredSession onA = a.find(client.id, client.version);
        Binding binding = Binding.forEntered(a, onA);
        Binding previous = binding.bind();
        try {
            cart.add("jam");
            request(onB, b, () -> {
                cart.add("milk");
                return null;
            });
            store.awaitReports();
            binding.beforeCommit();
        } finally {
            Binding.restore(previous);
            binding.release();
        }
        client.version = a.version(onA);
        assertEquals(List.of("tea", "jam"), request(client, b, cart::items), "A's later write of the cart wins");
    }

    @Test
    void aCopyWhoseRemovalWentUnreportedGoesWhenItNextWritesItsAccessTime() throws Exception {
        a = server("PT2S"); // a slack of 200 ms: the access time is written when it is that old
        Client client = create(a, () -> cart.add("tea"));
        store.records.remove(Replication.key(client.id)); // removed, and the report lost
        Thread.sleep(250);
        StoredSession copy = a.find(client.id, client.version);
        assertNotNull(copy, "served from the copy: nothing told this server");
        SharedStoreTest.run(a, copy, cart::items);
        assertNull(a.find(client.id, client.version), "its access-time write found no record, and dropped the copy");
    }

    @Test
    void aCopyThatLooksExpiredAsksTheStoreWhetherAnotherServerKeptTheSessionBusy() throws Exception {
        a = server("PT2S");
        b = server("PT2S");
        Client client = create(a, () -> cart.add("tea"));
        Client onB = new Client();
        onB.id = client.id;
        store.silent = true; // B's access-time writes do not reach A's copy
        for (int i = 0; i < 12; i++) {
            Thread.sleep(200);
            request(onB, b, cart::items);
        }
        store.silent = false;
        assertNotEquals(client.version, onB.version, "B wrote the access time");
        assertEquals(List.of("tea"), request(client, a, cart::items), "alive: B kept it busy past A's idle timeout");
        assertEquals(0, Recorder.count("Cart destroyed"));
    }
}
