package io.github.usersession.bench;

import java.io.Serializable;

import io.github.usersession.UserSession;

/** The benchmarks' bean of the {@code @UserSession} scope; the four counters have the same shape and the same method. */
@UserSession
public class UserSessionCounter implements Serializable {

    private static final long serialVersionUID = 1L;

    private int count;

    public int next() {
        return ++count;
    }
}
