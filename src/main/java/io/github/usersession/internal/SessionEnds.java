package io.github.usersession.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.usersession.SessionEndReason;
import io.github.usersession.internal.security.Principals;
import io.github.usersession.internal.security.SessionStatistics;

/**
 * How a session of a registry ends: its ID stops working at once, the listeners hear of it, and its beans are
 * destroyed by the last binding that lets go of it, with the session bound.
 */
final class SessionEnds {

    private static final Logger LOG = Logger.getLogger(SessionEnds.class.getName());

    private final SessionRegistry registry;
    private final LiveSessions store;
    /** The shared store's side, or null with the memory store. */
    private final Replication replication;
    private final SessionEvents events;
    private final AtomicInteger live;
    private final Reaper reaper;
    private final SessionStatistics statistics;
    private final Principals principals;
    private final List<Consumer<StoredSession>> listeners = new CopyOnWriteArrayList<>();

    SessionEnds(SessionRegistry registry, LiveSessions store, Replication replication, SessionEvents events,
            AtomicInteger live, Reaper reaper, SessionStatistics statistics, Principals principals) {
        this.registry = registry;
        this.store = store;
        this.replication = replication;
        this.events = events;
        this.live = live;
        this.reaper = reaper;
        this.statistics = statistics;
        this.principals = principals;
    }

    /** See {@link SessionRegistry#whenEnded}. */
    void whenEnded(Consumer<StoredSession> listener) {
        listeners.add(listener);
    }

    /** Tells the listeners that the session has ended. */
    void announce(StoredSession session) {
        for (Consumer<StoredSession> listener : listeners) {
            try {
                listener.accept(session);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, e, () -> "A listener to the end of " + session + " failed");
            }
        }
    }

    /** See {@link SessionRegistry#end}. */
    boolean end(StoredSession session, SessionEndReason reason) {
        synchronized (session) {
            if (!session.end(reason)) {
                return false;
            }
            if (store.remove(session.id(), session) && replication == null) {
                live.decrementAndGet();
            }
        }
        reaper.ended();
        boolean removed = session.replica() == null || replication.remove(session);
        if (removed) {
            statistics.ended(reason); // with a shared store, counted by the one server that ended it
        }
        announce(session);
        if (!removed) {
            session.disown(); // ended or expired on another server, which destroys it
            return false;
        }
        destroyIfUnused(session);
        // Last: the index tolerates an entry left behind, and its failure must not keep a session from ending.
        principals.ended(session);
        return true;
    }

    /** Lets go of a session; the last one to let go of an ended session destroys it. */
    void release(StoredSession session) {
        if (session.leave()) {
            destroy(session);
        }
    }

    /** Destroys an ended session now unless a binding still uses it: the last to let go destroys it then. */
    void destroyIfUnused(StoredSession session) {
        if (session.claimDestroy()) {
            destroy(session);
        }
    }

    /**
     * Destroys an ended session with it bound, as Weld's own session scope does: its {@code @BeforeDestroyed}
     * observers and its beans' {@code @PreDestroy} methods may use its other beans.
     */
    private void destroy(StoredSession session) {
        SessionRef handle = registry.handle(session);
        Binding previous = Binding.forDying(registry, session).bind();
        try {
            events.beforeDestroyed(handle, session.endReason());
            if (session.replica() != null) {
                replication.restoreAll(session); // so that every bean the record holds gets its @PreDestroy
            }
            session.destroyBeans();
        } finally {
            Binding.restore(previous);
        }
        events.destroyed(handle, session.endReason());
    }
}
