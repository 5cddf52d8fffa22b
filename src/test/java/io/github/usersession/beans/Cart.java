package io.github.usersession.beans;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.github.usersession.UserSession;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/** A session-scoped cart with a dependent. */
@UserSession
public class Cart implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<String> items = new ArrayList<>();
    private final String instance = UUID.randomUUID().toString();

    @Inject
    Pricing pricing;

    @PostConstruct
    void created() {
        Recorder.record("Cart created");
    }

    @PreDestroy
    void destroyed() {
        Recorder.record("Cart destroyed");
        Recorder.record("Cart instance destroyed " + System.identityHashCode(this));
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
