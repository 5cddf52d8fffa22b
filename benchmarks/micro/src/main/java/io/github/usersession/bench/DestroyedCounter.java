package io.github.usersession.bench;

import java.util.concurrent.atomic.AtomicInteger;

import io.github.usersession.UserSession;
import io.github.usersession.UserSessionEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Destroyed;
import jakarta.enterprise.event.Observes;

/** Counts the @Destroyed(UserSession.class) events, so that a benchmark can check how many sessions ended. */
@ApplicationScoped
public class DestroyedCounter {

    private final AtomicInteger destroyed = new AtomicInteger();

    void destroyed(@Observes @Destroyed(UserSession.class) UserSessionEvent event) {
        destroyed.incrementAndGet();
    }

    public int count() {
        return destroyed.get();
    }
}
