package io.github.usersession.beans;

import io.github.usersession.SessionIdRejectedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Records each rejected-ID event as it prints itself. */
@ApplicationScoped
public class RejectionLog {

    void rejected(@Observes SessionIdRejectedEvent event) {
        Recorder.record("rejected " + event.remoteAddress() + " " + event.requestUri() + " " + event);
    }
}
