package io.github.usersession.beans;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the test beans did, in order; tests clear it before they start.
 */
public final class Recorder {

    private static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    private Recorder() {
    }

    public static void record(String event) {
        EVENTS.add(event);
    }

    public static List<String> events() {
        return List.copyOf(EVENTS);
    }

    public static long count(String event) {
        return EVENTS.stream().filter(event::equals).count();
    }

    public static void clear() {
        EVENTS.clear();
    }
}
