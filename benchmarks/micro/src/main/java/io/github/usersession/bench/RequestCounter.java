package io.github.usersession.bench;

import java.io.Serializable;

import jakarta.enterprise.context.RequestScoped;

/** The benchmarks' bean of the {@code @RequestScoped} scope; the four counters have the same shape and the same method. */
@RequestScoped
public class RequestCounter implements Serializable {

    private static final long serialVersionUID = 1L;

    private int count;

    public int next() {
        return ++count;
    }
}
