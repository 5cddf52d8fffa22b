package io.github.usersession.it.app.security;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.usersession.SessionIdRejectedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Counts the rejected-ID events and keeps the last one as it prints itself. */
@ApplicationScoped
public class RejectionCounter {

    private final AtomicInteger count = new AtomicInteger();
    private final AtomicReference<String> last = new AtomicReference<>("none");

    void rejected(@Observes SessionIdRejectedEvent event) {
        count.incrementAndGet();
        last.set(event.toString().replace(' ', '_'));
    }

    public int count() {
        return count.get();
    }

    public String last() {
        return last.get();
    }
}
