package io.github.usersession.it.app.delivery;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.github.usersession.UserSession;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/** A session's log, which {@link Member#bye()} writes to while the session is destroyed. */
@UserSession
public class Audit implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String instance = UUID.randomUUID().toString();
    private final List<String> lines = new ArrayList<>();

    @Inject
    Recorder recorder;

    public synchronized void add(String line) {
        lines.add(line);
    }

    public String instance() {
        return instance;
    }

    @PreDestroy
    synchronized void destroyed() {
        // With its lines: "bye" in them shows that Member's @PreDestroy reached this very instance.
        recorder.record("audit destroyed " + instance + " " + lines);
    }
}
