package io.github.usersession.beans;

import java.io.Serializable;

import io.github.usersession.UserSession;
import jakarta.annotation.PreDestroy;

/** A session-scoped bean whose @PreDestroy throws. */
@UserSession
public class Faulty implements Serializable {

    private static final long serialVersionUID = 1L;

    public void touch() {
        // using it is enough to create it
    }

    @PreDestroy
    void destroyed() {
        Recorder.record("Faulty destroyed");
        throw new IllegalStateException("Faulty's @PreDestroy fails on purpose");
    }
}
