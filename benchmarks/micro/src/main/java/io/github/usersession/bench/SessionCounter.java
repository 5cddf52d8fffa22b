package io.github.usersession.bench;

import java.io.Serializable;

import jakarta.enterprise.context.SessionScoped;

/** The benchmarks' bean of the {@code @SessionScoped} scope; the four counters have the same shape and the same method. */
@SessionScoped
public class SessionCounter implements Serializable {

    private static final long serialVersionUID = 1L;

    private int count;

    public int next() {
        return ++count;
    }
}
