package io.github.usersession.it.app;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.usersession.UserSession;
import io.github.usersession.UserSessionEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Destroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

/** Records bean callbacks and the scope's lifecycle events, for the tests to read over HTTP. */
@ApplicationScoped
public class Lifecycle {

    private final List<String> records = new CopyOnWriteArrayList<>();

    public void record(String line) {
        records.add(line);
    }

    public List<String> records() {
        return List.copyOf(records);
    }

    void started(@Observes @Initialized(UserSession.class) UserSessionEvent event) {
        record("initialized " + event.session().traceId());
    }

    void ending(@Observes @BeforeDestroyed(UserSession.class) UserSessionEvent event) {
        record("before destroyed " + event.session().traceId() + " " + event.endReason().orElseThrow());
    }

    void ended(@Observes @Destroyed(UserSession.class) UserSessionEvent event) {
        record("destroyed " + event.session().traceId() + " " + event.endReason().orElseThrow());
    }
}
