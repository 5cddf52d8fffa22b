package io.github.usersession.internal;

import java.lang.annotation.Annotation;

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
        return Binding.require().session(true).instance(contextual, creationalContext);
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
