package io.github.usersession.it.app.delivery;

import java.io.Serializable;
import java.util.UUID;

import io.github.usersession.UserSession;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * Who is signed in, and the bean of issue 9 whose {@code @PreDestroy} uses two other beans of its session: the
 * {@link Audit} it has used before, and a {@link LateNote} that nothing has used yet, so that it is first created
 * during the session's destruction.
 */
@UserSession
public class Member implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String instance = UUID.randomUUID().toString();
    private volatile String user;

    @Inject
    Audit audit;

    @Inject
    LateNote late;

    @Inject
    Recorder recorder;

    public void signIn(String name) {
        user = name;
    }

    public String user() {
        return user;
    }

    public String instance() {
        return instance;
    }

    @PreDestroy
    void bye() {
        recorder.record("member destroying " + instance);
        // Caught here, not left to Weld (which would only log WELD-000019): the client must be able to read it.
        try {
            audit.add("bye");
            recorder.record("member " + instance + " used audit " + audit.instance());
            late.note(instance);
        } catch (RuntimeException e) {
            recorder.record("member failed " + instance + " " + e.getClass().getName() + ": " + e.getMessage());
        }
        recorder.record("member destroyed " + instance);
    }
}
