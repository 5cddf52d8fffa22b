package io.github.usersession.bench;

import java.util.concurrent.atomic.AtomicLong;

import io.github.usersession.SessionIdRejectedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Observes the rejected-ID event as an application that watches for guessing would: it counts per address. */
@ApplicationScoped
public class RejectionCounter {

    private final AtomicLong rejected = new AtomicLong();

    void rejected(@Observes SessionIdRejectedEvent event) {
        if (event.remoteAddress() != null) {
            rejected.incrementAndGet();
        }
    }

    public long count() {
        return rejected.get();
    }
}
