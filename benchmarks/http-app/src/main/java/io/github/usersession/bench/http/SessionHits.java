package io.github.usersession.bench.http;

import java.io.Serializable;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.SessionScoped;

/** The HTTP benchmark's bean of the {@code @SessionScoped} scope; the three beans have the same shape and method. */
@SessionScoped
public class SessionHits implements Serializable {

    private static final long serialVersionUID = 1L;

    private final AtomicLong hits = new AtomicLong();

    public long hit() {
        return hits.incrementAndGet();
    }
}
