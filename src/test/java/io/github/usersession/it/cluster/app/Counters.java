package io.github.usersession.it.cluster.app;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.usersession.UserSession;
import io.github.usersession.UserSessionEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Destroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

/**
 * This node's counters of bean callbacks and scope events, keyed by the session's trace ID; a cluster test sums them
 * over the nodes. Each event counts under {@code event:trace} and {@code event:trace:REASON}.
 */
@ApplicationScoped
public class Counters {

    private final ConcurrentMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    public void add(String name) {
        counts.computeIfAbsent(name, key -> new AtomicInteger()).incrementAndGet();
    }

    public int get(String name) {
        AtomicInteger count = counts.get(name);
        return count == null ? 0 : count.get();
    }

    public Map<String, Integer> startingWith(String prefix) {
        Map<String, Integer> found = new TreeMap<>();
        counts.forEach((name, count) -> {
            if (name.startsWith(prefix)) {
                found.put(name, count.get());
            }
        });
        return found;
    }

    void initialized(@Observes @Initialized(UserSession.class) UserSessionEvent event) {
        add("initialized:" + event.session().traceId());
    }

    /** The session is still bound: the observer reads the basket the session ends with. */
    void beforeDestroyed(@Observes @BeforeDestroyed(UserSession.class) UserSessionEvent event, Basket basket) {
        String trace = event.session().traceId();
        add("before-destroyed:" + trace);
        add("before-destroyed:" + trace + ":" + event.endReason().orElseThrow());
        try {
            add("before-destroyed-items:" + trace + ":" + String.join(",", basket.items()));
        } catch (RuntimeException e) {
            add("before-destroyed-failed:" + trace + ":" + e);
        }
    }

    void destroyed(@Observes @Destroyed(UserSession.class) UserSessionEvent event) {
        String trace = event.session().traceId();
        add("destroyed:" + trace);
        add("destroyed:" + trace + ":" + event.endReason().orElseThrow());
    }
}
