package io.github.usersession.it.app;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.github.usersession.UserSession;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/** The session-scoped bean the in-container tests put items into. */
@UserSession
public class ItemCart implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<String> items = new ArrayList<>();
    private final String instance = UUID.randomUUID().toString();

    @Inject
    Lifecycle lifecycle;

    @PostConstruct
    void created() {
        lifecycle.record("cart created " + instance);
    }

    @PreDestroy
    void destroyed() {
        lifecycle.record("cart destroyed " + instance);
    }

    public synchronized void add(String item) {
        items.add(item);
    }

    public synchronized List<String> items() {
        return List.copyOf(items);
    }

    public String instance() {
        return instance;
    }
}
