package io.github.usersession.internal.threads;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.usersession.SessionHandle;
import io.github.usersession.UserSessions;
import io.github.usersession.beans.Cart;
import io.github.usersession.beans.Pricing;
import io.github.usersession.internal.Binding;
import io.github.usersession.internal.UserSessionExtension;
import jakarta.enterprise.concurrent.ManageableThread;
import jakarta.enterprise.concurrent.spi.ThreadContextProvider;
import jakarta.enterprise.concurrent.spi.ThreadContextRestorer;
import jakarta.enterprise.concurrent.spi.ThreadContextSnapshot;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Jakarta Concurrency provider as a server drives it: capture on the submitting thread, begin and end on the
 * thread that runs the task.
 */
@EnableWeld
class UserSessionContextProviderTest {

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(WeldInitiator.createWeld().addExtension(new UserSessionExtension())
            .addBeanClasses(Cart.class, Pricing.class)).build();

    @Inject
    UserSessions sessions;

    @Inject
    Cart cart;

    final ThreadContextProvider provider = new UserSessionContextProvider();
    final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    /** Runs the task on the pool within the snapshot, as a managed executor does. */
    <T> T runWith(ThreadContextSnapshot snapshot, java.util.concurrent.Callable<T> task) throws Exception {
        return pool.submit(() -> {
            ThreadContextRestorer restorer = snapshot.begin();
            try {
                return task.call();
            } finally {
                restorer.endContext();
            }
        }).get(10, TimeUnit.SECONDS);
    }

    @Test
    void serversFindTheProviderOfTheUserSessionContextType() {
        List<String> types = ServiceLoader.load(ThreadContextProvider.class).stream()
                .map(provider -> provider.get().getThreadContextType()).toList();
        assertEquals(List.of("UserSession"), types);
    }

    @Test
    void theSubmittersSessionIsCarriedAndAClearedContextHasNone() throws Exception {
        SessionHandle session = sessions.create();
        ThreadContextSnapshot current = sessions.callIn(session, () -> {
            cart.add("tea");
            return provider.currentContext(Map.of());
        });
        assertEquals(List.of("tea"), runWith(current, cart::items));
        ThreadContextSnapshot cleared = provider.clearedContext(null);
        sessions.runIn(session, () -> {
            ThreadContextRestorer restorer = cleared.begin();
            try {
                assertFalse(sessions.isActive(), "a cleared context unbinds the thread's session");
            } finally {
                restorer.endContext();
            }
            assertEquals(session, sessions.current().orElseThrow(), "and restores it afterwards");
        });
        assertEquals(List.of("none"), List.of(runWith(provider.currentContext(null),
                () -> sessions.isActive() ? "bound" : "none")), "nothing bound, nothing carried");
    }

    @Test
    void aSnapshotHoldsNeitherTheSessionIdNorABeanAndSurvivesNoSerialization() throws Exception {
        SessionHandle session = sessions.create();
        String[] id = new String[1];
        ThreadContextSnapshot snapshot = sessions.callIn(session, () -> {
            cart.add("secret-item");
            id[0] = Binding.current().carried().id().encoded();
            return provider.currentContext(Map.of());
        });
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(snapshot);
        }
        String written = bytes.toString(ISO_8859_1);
        assertFalse(written.contains(id[0]), "the session ID is never written");
        assertFalse(written.contains("secret-item") || written.contains("Cart"), "nor any bean");
        assertFalse(snapshot.toString().contains(id[0]), snapshot.toString());
        ThreadContextSnapshot read;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            read = (ThreadContextSnapshot) in.readObject();
        }
        ContextNotActiveException e = assertThrows(ContextNotActiveException.class, () -> {
            ThreadContextRestorer restorer = read.begin();
            try {
                cart.items();
            } finally {
                restorer.endContext();
            }
        });
        assertTrue(e.getMessage().contains("serialized"), e.getMessage());
        assertFalse(sessions.isActive());
    }

    @Test
    void aManagedThreadGetsNoSessionWhenItStartsButItsExecutorsTasksDo() throws Exception {
        SessionHandle session = sessions.create();
        ThreadContextSnapshot snapshot = sessions.callIn(session, () -> provider.currentContext(Map.of()));
        // A thread factory's thread: the context begins at its start, outside any executor.
        CompletableFuture<String> atStart = new CompletableFuture<>();
        Thread started = new ManagedThread(() -> {
            ThreadContextRestorer restorer = snapshot.begin();
            try {
                atStart.complete(sessions.isActive() ? "bound" : "none");
            } finally {
                restorer.endContext();
            }
        });
        started.start();
        assertEquals("none", atStart.get(10, TimeUnit.SECONDS));
        // A managed executor's thread: the context begins around each task, within the executor.
        ExecutorService managed = Executors.newSingleThreadExecutor(ManagedThread::new);
        try {
            for (int task = 0; task < 2; task++) {
                assertEquals("bound", managed.submit(() -> {
                    ThreadContextRestorer restorer = snapshot.begin();
                    try {
                        return sessions.isActive() ? "bound" : "none";
                    } finally {
                        restorer.endContext();
                    }
                }).get(10, TimeUnit.SECONDS), "task " + task);
            }
        } finally {
            managed.shutdownNow();
        }
    }

    /** A thread as a managed thread factory makes it. */
    static final class ManagedThread extends Thread implements ManageableThread {
        ManagedThread(Runnable task) {
            super(task);
        }

        @Override
        public boolean isShutdown() {
            return false;
        }
    }
}
