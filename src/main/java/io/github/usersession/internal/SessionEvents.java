package io.github.usersession.internal;

import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.usersession.SessionEndReason;
import io.github.usersession.SessionHandle;
import io.github.usersession.UserSession;
import io.github.usersession.UserSessionEvent;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Destroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.BeanManager;

/**
 * Fires the scope's lifecycle events; a failing observer is logged so that it cannot keep a session alive.
 */
final class SessionEvents {

    private static final Logger LOG = Logger.getLogger(SessionEvents.class.getName());

    private final Event<UserSessionEvent> initialized;
    private final Event<UserSessionEvent> beforeDestroyed;
    private final Event<UserSessionEvent> destroyed;
    private final BeanManager beanManager;

    /** Events through the given bean manager, or none at all when it is null. */
    SessionEvents(BeanManager beanManager) {
        this.beanManager = beanManager;
        if (beanManager == null) {
            initialized = null;
            beforeDestroyed = null;
            destroyed = null;
        } else {
            Event<UserSessionEvent> events = beanManager.getEvent().select(UserSessionEvent.class);
            initialized = events.select(Initialized.Literal.of(UserSession.class));
            beforeDestroyed = events.select(BeforeDestroyed.Literal.of(UserSession.class));
            destroyed = events.select(Destroyed.Literal.of(UserSession.class));
        }
    }

    /** The bean manager the events go through, or null for none. */
    BeanManager beanManager() {
        return beanManager;
    }

    void initialized(SessionHandle session) {
        fire(initialized, new UserSessionEvent(session, null));
    }

    void beforeDestroyed(SessionHandle session, SessionEndReason reason) {
        fire(beforeDestroyed, new UserSessionEvent(session, reason));
    }

    void destroyed(SessionHandle session, SessionEndReason reason) {
        fire(destroyed, new UserSessionEvent(session, reason));
    }

    private static void fire(Event<UserSessionEvent> event, UserSessionEvent payload) {
        if (event == null) {
            return;
        }
        try {
            event.fire(payload);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "An observer of " + payload + " failed");
        }
    }
}
