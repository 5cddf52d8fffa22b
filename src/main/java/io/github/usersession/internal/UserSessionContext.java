package io.github.usersession.internal;

import java.lang.annotation.Annotation;
import java.util.concurrent.ConcurrentHashMap;

import io.github.usersession.UserSession;
import jakarta.enterprise.context.spi.AlterableContext;
import jakarta.enterprise.context.spi.Contextual;
import jakarta.enterprise.context.spi.CreationalContext;

/**
 * The context of the {@link UserSession} scope: the instances of the session bound to the current thread.
 */
// It reports itself active on every thread so that a use outside any binding reaches get() and fails with a message
// that says how to bind; UserSessions.isActive() tells whether a binding is there.
public final class UserSessionContext implements AlterableContext {

    /**
     * One contextual per bean for every session to keep: Weld hands a passivating context a new serializable wrapper
     * of the bean on every call, and keeping each session's own would cost 56 bytes per session and bean.
     */
    private final ConcurrentHashMap<Object, Contextual<?>> contextuals = new ConcurrentHashMap<>();

    @Override
    public Class<? extends Annotation> getScope() {
        return UserSession.class;
    }

    @Override
    public boolean isActive() {
        return true;
    }

    @Override
    public <T> T get(Contextual<T> contextual, CreationalContext<T> creationalContext) {
        if (creationalContext == null) {
            return get(contextual);
        }
        return Binding.require().session(true).instance(shared(contextual), creationalContext);
    }

    /** Costs a lookup only on creation, mostly: Weld asks the context for an existing instance first. */
    @SuppressWarnings("unchecked")
    private <T> Contextual<T> shared(Contextual<T> contextual) {
        Object key = StoredSession.keyOf(contextual);
        Contextual<?> shared = contextuals.get(key);
        if (shared == null) {
            shared = contextuals.putIfAbsent(key, contextual);
        }
        return shared == null ? contextual : (Contextual<T>) shared;
    }

    @Override
    public <T> T get(Contextual<T> contextual) {
        Binding binding = Binding.current();
        StoredSession session = binding == null ? null : binding.session(false);
        return session == null ? null : session.existing(contextual);
    }

    @Override
    public void destroy(Contextual<?> contextual) {
        // The context claims to be active everywhere, so without a binding there is simply no instance to destroy.
        Binding binding = Binding.current();
        StoredSession session = binding == null ? null : binding.session(false);
        if (session != null) {
            session.destroy(contextual);
        }
    }
}
