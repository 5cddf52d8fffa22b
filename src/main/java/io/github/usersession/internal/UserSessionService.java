package io.github.usersession.internal;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import io.github.usersession.SessionHandle;
import io.github.usersession.UserSessions;
import io.github.usersession.internal.threads.SessionTasks;

/**
 * The {@link UserSessions} bean.
 */
final class UserSessionService implements UserSessions {

    private final UserSessionExtension extension;

    UserSessionService(UserSessionExtension extension) {
        this.extension = extension;
    }

    @Override
    public boolean isActive() {
        return Binding.current() != null;
    }

    @Override
    public boolean exists() {
        return current().isPresent();
    }

    @Override
    public Optional<SessionHandle> current() {
        Binding binding = Binding.current();
        StoredSession live = binding == null ? null : binding.live();
        return Optional.ofNullable(live == null ? null : extension.registry().handle(live));
    }

    @Override
    public void end() {
        Binding.require().end();
    }

    @Override
    public void renewId() {
        Binding.require().renewId();
    }

    @Override
    public int count() {
        return extension.registry().count();
    }

    @Override
    public List<SessionHandle> findByPrincipal(String principal) {
        SessionRegistry registry = extension.registry();
        return registry.principals().liveSessions(principal).stream()
                .<SessionHandle>map(registry::handle).toList();
    }

    @Override
    public int endAll(String principal) {
        int ended = extension.registry().principals().endAll(principal);
        Binding binding = Binding.current();
        if (ended > 0 && binding != null) {
            binding.endedElsewhere();
        }
        return ended;
    }

    @Override
    public SessionHandle create() {
        SessionRegistry registry = extension.registry();
        StoredSession session = registry.create();
        Binding binding = Binding.forEntered(registry, session);
        Binding previous = binding.bind();
        try {
            registry.announce(session);
        } finally {
            Binding.restore(previous);
            binding.release();
        }
        return registry.handle(session);
    }

    @Override
    public void runIn(SessionHandle session, Runnable task) {
        Binding binding = enter(session);
        Binding previous = binding.bind();
        try {
            task.run();
        } finally {
            Binding.restore(previous);
            binding.release();
        }
    }

    @Override
    public <T> T callIn(SessionHandle session, Callable<T> task) throws Exception {
        Binding binding = enter(session);
        Binding previous = binding.bind();
        try {
            return task.call();
        } finally {
            Binding.restore(previous);
            binding.release();
        }
    }

    @Override
    public Runnable contextualRunnable(Runnable task) {
        return SessionTasks.runnable(task);
    }

    @Override
    public <T> Callable<T> contextualCallable(Callable<T> task) {
        return SessionTasks.callable(task);
    }

    @Override
    public <T> Supplier<T> contextualSupplier(Supplier<T> task) {
        return SessionTasks.supplier(task);
    }

    private Binding enter(SessionHandle session) {
        SessionRegistry registry = extension.registry();
        if (session instanceof SessionRef ref && ref.session().replica() != null && !registry.holds(ref.session())
                && registry.isLive(ref.session())) {
            throw new IllegalStateException("The user session " + session + " is held by other servers only: it can be"
                    + " bound on a server that serves its requests");
        }
        if (!(session instanceof SessionRef ref) || !registry.enter(ref.session())) {
            throw new IllegalStateException("The user session " + session + " has ended or belongs to another"
                    + " application; it cannot be bound");
        }
        return Binding.forEntered(registry, ref.session());
    }
}
