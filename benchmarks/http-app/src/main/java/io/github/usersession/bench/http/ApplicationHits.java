package io.github.usersession.bench.http;

import java.io.Serializable;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

/** The HTTP benchmark's bean of the {@code @ApplicationScoped} scope; the three beans have the same shape and method. */
@ApplicationScoped
public class ApplicationHits implements Serializable {

    private static final long serialVersionUID = 1L;

    private final AtomicLong hits = new AtomicLong();

    public long hit() {
        return hits.incrementAndGet();
    }
}
