package io.github.usersession.bench.http;

import java.io.Serializable;
import java.util.concurrent.atomic.AtomicLong;

import io.github.usersession.UserSession;

/** The HTTP benchmark's bean of the {@code @UserSession} scope; the three beans have the same shape and method. */
@UserSession
public class UserSessionHits implements Serializable {

    private static final long serialVersionUID = 1L;

    private final AtomicLong hits = new AtomicLong();

    public long hit() {
        return hits.incrementAndGet();
    }
}
