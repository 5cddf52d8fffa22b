package io.github.usersession.internal.security;

import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.usersession.SessionIdRejectedEvent;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.BeanManager;

/**
 * Counts the requests that present a well-formed ID naming no live session, and fires {@link SessionIdRejectedEvent}
 * for each. Only a rejection costs anything: the event is resolved once, and not fired at all when the application
 * observes none. Thread-safe.
 */
public final class RejectedIds {

    private static final Logger LOG = Logger.getLogger(RejectedIds.class.getName());

    /** Null when no observer could receive the event: observers are fixed once the application has deployed. */
    private final Event<SessionIdRejectedEvent> event;
    private final SessionStatistics statistics;

    /** Fires through the given bean manager, or counts only when it is null. */
    public RejectedIds(BeanManager beanManager, SessionStatistics statistics) {
        this.statistics = statistics;
        this.event = beanManager == null
                || beanManager.resolveObserverMethods(new SessionIdRejectedEvent(null, null)).isEmpty()
                ? null : beanManager.getEvent().select(SessionIdRejectedEvent.class);
    }

    /** A request presented a well-formed ID naming no live session; the caller makes sure it is once per request. */
    public void rejected(String remoteAddress, String requestUri) {
        statistics.rejectedId();
        if (event == null) {
            return;
        }
        SessionIdRejectedEvent rejection = new SessionIdRejectedEvent(remoteAddress, requestUri);
        try {
            event.fire(rejection);
        } catch (RuntimeException e) {
            // The client sent garbage; an observer's failure must not turn that into a 5xx.
            LOG.log(Level.WARNING, e, () -> "An observer of " + rejection + " failed");
        }
    }
}
