package io.github.usersession.it.app.delivery;

import java.io.Serializable;
import java.util.UUID;

import io.github.usersession.UserSession;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/** A bean of the session that only {@link Member#bye()} uses: its first instance is created during destruction. */
@UserSession
public class LateNote implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String instance = UUID.randomUUID().toString();

    @Inject
    Recorder recorder;

    @PostConstruct
    void created() {
        recorder.record("late created " + instance);
    }

    public void note(String member) {
        recorder.record("late noted " + instance + " by " + member);
    }

    @PreDestroy
    void destroyed() {
        recorder.record("late destroyed " + instance);
    }
}
