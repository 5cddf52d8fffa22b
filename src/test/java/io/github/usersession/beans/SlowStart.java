package io.github.usersession.beans;

import java.io.Serializable;
import java.util.UUID;

import io.github.usersession.UserSession;
import jakarta.annotation.PostConstruct;

/** A session-scoped bean that takes a while to construct, to widen the first-use race. */
@UserSession
public class SlowStart implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String instance = UUID.randomUUID().toString();

    @PostConstruct
    void created() {
        Recorder.record("SlowStart created");
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String instance() {
        return instance;
    }
}
