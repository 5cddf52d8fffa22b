package io.github.usersession;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.usersession.beans.Cart;
import io.github.usersession.beans.Recorder;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The session beyond the binding thread, through {@code UserSessions.contextual*}: the wrapped task runs with the
 * caller's session, never keeps it, never revives it, and holds it until it ends.
 */
@EnableWeld
class ThreadsTest {

    @WeldSetup
    WeldInitiator weld = Weld.withTestBeans();

    @Inject
    UserSessions sessions;

    @Inject
    Cart cart;

    ExecutorService pool = Executors.newSingleThreadExecutor();

    @BeforeEach
    void clearRecorder() {
        Recorder.clear();
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    <T> T onPool(Supplier<T> task) throws Exception {
        return pool.submit(task::get).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aWrappedTaskRunsOnAnotherThreadWithTheCallersSession() throws Exception {
        SessionHandle session = sessions.create();
        Supplier<List<String>> items = sessions.callIn(session, () -> {
            cart.add("tea");
            return sessions.contextualSupplier(cart::items);
        });
        assertEquals(List.of("tea"), onPool(items));
        assertEquals(List.of("tea"), CompletableFuture.supplyAsync(items).get(10, TimeUnit.SECONDS),
                "on the common pool too");
        assertEquals(session, sessions.callIn(session, () -> onPool(sessions.contextualSupplier(
                () -> sessions.current().orElseThrow()))));
    }

    @Test
    void aTaskWrappedWithoutASessionRunsWithNoneEvenOnAThreadThatHasOne() throws Exception {
        Supplier<List<String>> items = sessions.contextualSupplier(cart::items);
        SessionHandle other = sessions.create();
        sessions.runIn(other, () -> {
            ContextNotActiveException e = assertThrows(ContextNotActiveException.class, items::get);
            assertTrue(e.getMessage().contains("UserSessions.contextualRunnable"), e.getMessage());
            assertEquals(other, sessions.current().orElseThrow(), "the thread's own session is back afterwards");
        });
    }

    @Test
    void aPooledThreadNeverKeepsASession() throws Exception {
        SessionHandle session = sessions.create();
        Runnable withSession = sessions.callIn(session, () -> sessions.contextualRunnable(() -> cart.add("tea")));
        Future<String> first = pool.submit(() -> {
            withSession.run();
            return Thread.currentThread().getName();
        });
        String firstThread = first.get(10, TimeUnit.SECONDS);
        // The second task is not wrapped: it sees whatever the pooled thread kept.
        String second = onPool(() -> Thread.currentThread().getName() + " active=" + sessions.isActive());
        assertEquals(firstThread + " active=false", second);
        Runnable failing = sessions.callIn(session, () -> sessions.contextualRunnable(() -> {
            throw new IllegalStateException("task fails");
        }));
        assertThrows(ExecutionException.class, () -> pool.submit(failing).get(10, TimeUnit.SECONDS));
        assertEquals(firstThread + " active=false", onPool(() -> Thread.currentThread().getName() + " active="
                + sessions.isActive()), "nor after a task that threw");
    }

    @Test
    void aTaskThatStartsAfterItsSessionEndedFindsItEndedAndNeverRevivesIt() throws Exception {
        SessionHandle session = sessions.create();
        Supplier<List<String>> items = sessions.callIn(session, () -> {
            cart.add("tea");
            return sessions.contextualSupplier(cart::items);
        });
        int live = sessions.count();
        sessions.runIn(session, sessions::end);
        ExecutionException e = assertThrows(ExecutionException.class, () -> onPool(items));
        assertTrue(e.getCause() instanceof ContextNotActiveException, String.valueOf(e.getCause()));
        assertTrue(e.getCause().getMessage().contains(session + " of this task has ended"),
                e.getCause().getMessage());
        assertEquals(live - 1, sessions.count(), "no session was created again");
        assertEquals(1, Recorder.count("Cart destroyed"));
        assertEquals(1, Recorder.count("Cart created"), "the cart was not created again");
    }

    @Test
    void aSessionEndingDuringATaskStaysUsableUntilTheTaskEndsThenIsDestroyedOnce() throws Exception {
        SessionHandle session = sessions.create();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        Supplier<List<String>> task = sessions.callIn(session, () -> {
            cart.add("tea");
            return sessions.contextualSupplier(() -> {
                cart.add("before");
                started.countDown();
                await(ended);
                cart.add("after");
                return cart.items();
            });
        });
        Future<List<String>> running = pool.submit(task::get);
        assertTrue(started.await(10, TimeUnit.SECONDS));
        sessions.runIn(session, sessions::end);
        assertFalse(session.isLive());
        assertEquals(0, Recorder.count("Cart destroyed"), "not while the task runs");
        ended.countDown();
        assertEquals(List.of("tea", "before", "after"), running.get(10, TimeUnit.SECONDS));
        pool.submit(() -> { }).get(10, TimeUnit.SECONDS);
        assertEquals(1, Recorder.count("Cart destroyed"), "destroyed once, when the task let go");
    }

    @Test
    void aTaskNeverStartsASessionNorRenewsItsId() throws Exception {
        SessionHandle session = sessions.create();
        Runnable renew = sessions.callIn(session, () -> sessions.contextualRunnable(sessions::renewId));
        ExecutionException e = assertThrows(ExecutionException.class, () -> pool.submit(renew).get(10,
                TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof IllegalStateException, String.valueOf(e.getCause()));
        assertTrue(e.getCause().getMessage().contains("no response can carry its cookie"), e.getCause().getMessage());
        assertTrue(session.isLive());
    }

    static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
