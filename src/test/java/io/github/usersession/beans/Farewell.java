package io.github.usersession.beans;

import java.io.Serializable;

import io.github.usersession.UserSession;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/** A session bean whose @PreDestroy uses two other beans of its session: one used before, one never used. */
@UserSession
public class Farewell implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Cart cart;

    @Inject
    Audit audit;

    public void greet() {
        cart.add("hello");
    }

    @PreDestroy
    void bye() {
        audit.add("bye with " + cart.items());
        Recorder.record("Farewell destroyed");
    }
}
