package io.github.usersession.beans;

import io.github.usersession.UserSession;
import io.github.usersession.UserSessionEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Destroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Records the scope's lifecycle events; before destruction it reads the dying session's cart. */
@ApplicationScoped
public class SessionEventLog {

    @Inject
    Cart cart;

    void started(@Observes @Initialized(UserSession.class) UserSessionEvent event) {
        Recorder.record("initialized " + event.session().traceId());
    }

    void ending(@Observes @BeforeDestroyed(UserSession.class) UserSessionEvent event) {
        Recorder.record("before destroyed " + event.session().traceId() + " " + event.endReason().orElseThrow()
                + " cart " + cart.items());
    }

    void ended(@Observes @Destroyed(UserSession.class) UserSessionEvent event) {
        Recorder.record("destroyed " + event.session().traceId() + " " + event.endReason().orElseThrow()
                + " " + event);
    }
}
