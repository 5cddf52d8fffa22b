package io.github.usersession.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.usersession.Race;
import io.github.usersession.SessionEndReason;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.spi.Contextual;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.PassivationCapable;
import org.junit.jupiter.api.Test;

/**
 * A session's instances: the order they are destroyed in, creation racing destruction, and the contextual they keep.
 */
class StoredSessionTest {

    /** A bean with a passivation ID that counts what is done with it and logs it. */
    static final class Bean implements Contextual<Object>, PassivationCapable {
        final String id;
        final List<String> log;
        final AtomicInteger created = new AtomicInteger();
        final AtomicInteger destroyed = new AtomicInteger();

        Bean(String id, List<String> log) {
            this.id = id;
            this.log = log;
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public Object create(CreationalContext<Object> creationalContext) {
            created.incrementAndGet();
            log.add("created " + id);
            return new Object();
        }

        @Override
        public void destroy(Object instance, CreationalContext<Object> creationalContext) {
            destroyed.incrementAndGet();
            log.add("destroyed " + id);
        }
    }

    static <T> CreationalContext<T> creationalContext() {
        return new CreationalContext<>() {
            @Override
            public void push(T incompleteInstance) {
            }

            @Override
            public void release() {
            }
        };
    }

    @Test
    void beansAreDestroyedInTheOrderTheyWereFirstUsed() {
        List<String> log = new ArrayList<>();
        StoredSession session = new StoredSession(SessionId.random(), 0);
        for (String id : List.of("first", "second", "third")) {
            session.instance(new Bean(id, log), creationalContext());
        }
        log.clear();
        session.destroyBeans();
        assertEquals(List.of("destroyed first", "destroyed second", "destroyed third"), log);
    }

    @Test
    void aDestroyedSessionNeverCreatesItsBeansAgainAndSaysItHasEnded() {
        StoredSession session = new StoredSession(SessionId.random(), 0);
        Bean bean = new Bean("cart", new ArrayList<>());
        session.instance(bean, creationalContext());
        session.end(SessionEndReason.LOGOUT);
        session.destroyBeans();
        ContextNotActiveException e = assertThrows(ContextNotActiveException.class,
                () -> session.instance(bean, creationalContext()));
        assertTrue(e.getMessage().contains(session + " has ended"), e.getMessage());
        assertEquals(1, bean.created.get());
    }

    @Test
    void beanFirstUsedWhileItsSessionIsDestroyedIsNeverLeftUndestroyed() throws Exception {
        for (int round = 0; round < 2000; round++) {
            StoredSession session = new StoredSession(SessionId.random(), 0);
            List<Bean> beans = new ArrayList<>();
            List<Callable<Object>> tasks = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Bean bean = new Bean("bean" + i, new CopyOnWriteArrayList<>());
                beans.add(bean);
                tasks.add(() -> {
                    try {
                        return session.instance(bean, creationalContext());
                    } catch (ContextNotActiveException destroyedAlready) {
                        return null;
                    }
                });
            }
            tasks.add(() -> {
                session.destroyBeans();
                return null;
            });
            Race.run(tasks, Duration.ofSeconds(10));
            for (Bean bean : beans) {
                assertEquals(bean.created.get(), bean.destroyed.get(), "round " + round + ", " + bean.id);
            }
        }
    }

    @Test
    void sessionsKeepOneContextualPerBeanNotTheWrapperOfEachCall() {
        SessionRegistry registry = new SessionRegistry(UserSessionConfig.from(Map.<String, String>of()::get),
                new LiveSessions(), new SessionEvents(null), System::currentTimeMillis);
        UserSessionContext context = new UserSessionContext();
        // Weld hands the context a new wrapper of the same bean on every call: equal IDs, different objects.
        Bean firstCall = new Bean("the bean", new CopyOnWriteArrayList<>());
        Bean secondCall = new Bean("the bean", new CopyOnWriteArrayList<>());
        List<StoredSession> sessions = List.of(registry.create(), registry.create());
        for (int i = 0; i < 2; i++) {
            Binding binding = Binding.forEntered(registry, sessions.get(i));
            Binding previous = binding.bind();
            try {
                context.get(i == 0 ? firstCall : secondCall, creationalContext());
            } finally {
                Binding.restore(previous);
            }
        }
        for (StoredSession session : sessions) {
            registry.end(session, SessionEndReason.LOGOUT);
            registry.release(session);
        }
        assertEquals(2, firstCall.destroyed.get(), "both sessions destroy through the contextual kept first");
        assertEquals(0, secondCall.destroyed.get());
        assertEquals(0, secondCall.created.get());
    }
}
