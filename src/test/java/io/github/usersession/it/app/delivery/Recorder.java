package io.github.usersession.it.app.delivery;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * What happened inside the server that the client cannot see in a response: bean callbacks, the exceptions a
 * {@code @PreDestroy} caught, and what {@link ProbeFilter} saw of each dispatch. Read over HTTP at {@code /d/recorder}.
 */
@ApplicationScoped
public class Recorder {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    public void record(String line) {
        lines.add(line);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }
}
