package io.github.usersession.it.cluster.app;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import io.github.usersession.SessionHandle;
import io.github.usersession.UserSession;
import io.github.usersession.UserSessions;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;

/** A second bean of the session, for changes to different beans; counts like {@link Basket}. */
@UserSession
public class Profile implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<String> notes = new ArrayList<>();
    private String owner;

    @Inject
    Counters counters;

    @PostConstruct
    void created() {
        owner = CDI.current().select(UserSessions.class).get().current().map(SessionHandle::traceId).orElse("none");
        counters.add("postconstruct:Profile:" + owner);
    }

    @PreDestroy
    void destroyed() {
        counters.add("predestroy:Profile:" + owner);
        counters.add("predestroy:Profile:" + owner + ":" + String.join(",", notes()));
    }

    public synchronized void add(String note) {
        notes.add(note);
    }

    public synchronized List<String> notes() {
        return List.copyOf(notes);
    }
}
