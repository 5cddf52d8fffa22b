package io.github.usersession.beans;

import java.io.Serializable;

import io.github.usersession.Logout;
import io.github.usersession.RenewSessionId;
import io.github.usersession.UserSession;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/** A session-scoped bean whose @PostConstruct uses another session-scoped bean. */
@UserSession
public class Account implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Cart cart;

    private volatile String user;
    private String cartAtStart;

    @PostConstruct
    void created() {
        cartAtStart = cart.instance();
        Recorder.record("Account created");
    }

    @PreDestroy
    void destroyed() {
        Recorder.record("Account destroyed");
    }

    public String cartAtStart() {
        return cartAtStart;
    }

    public String user() {
        return user;
    }

    public void signIn(String name) {
        user = name;
    }

    /** Interceptor bindings on a passivating bean: the container then requires serializable interceptors. */
    @RenewSessionId
    public void switchUser(String name) {
        user = name;
    }

    @Logout
    public void signOut() {
        user = null;
    }
}
