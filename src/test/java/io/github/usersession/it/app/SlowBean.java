package io.github.usersession.it.app;

import java.io.Serializable;
import java.util.UUID;

import io.github.usersession.UserSession;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/** A session-scoped bean that is slow to construct and uses another one while it does: the first-use race. */
@UserSession
public class SlowBean implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String instance = UUID.randomUUID().toString();

    @Inject
    Lifecycle lifecycle;

    @Inject
    ItemCart cart;

    private String cartAtStart;

    @PostConstruct
    void created() {
        lifecycle.record("slow created " + instance);
        cartAtStart = cart.instance();
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String describe() {
        return instance + " " + cartAtStart;
    }
}
