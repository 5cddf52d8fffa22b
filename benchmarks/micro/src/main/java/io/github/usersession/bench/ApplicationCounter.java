package io.github.usersession.bench;

import java.io.Serializable;

import jakarta.enterprise.context.ApplicationScoped;

/** The benchmarks' bean of the {@code @ApplicationScoped} scope; the four counters have the same shape and the same method. */
@ApplicationScoped
public class ApplicationCounter implements Serializable {

    private static final long serialVersionUID = 1L;

    private int count;

    public int next() {
        return ++count;
    }
}
