package io.github.usersession.beans;

import java.io.Serializable;

import io.github.usersession.UserSession;
import jakarta.annotation.PreDestroy;

/** A session bean that only a @PreDestroy uses: it is first created while its session is destroyed. */
@UserSession
public class Audit implements Serializable {

    private static final long serialVersionUID = 1L;

    public void add(String entry) {
        Recorder.record("audit: " + entry);
    }

    @PreDestroy
    void destroyed() {
        Recorder.record("Audit destroyed");
    }
}
