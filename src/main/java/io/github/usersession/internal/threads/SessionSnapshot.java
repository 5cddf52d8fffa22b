package io.github.usersession.internal.threads;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;

import io.github.usersession.internal.Binding;
import io.github.usersession.internal.SessionRegistry;
import io.github.usersession.internal.StoredSession;
import jakarta.enterprise.concurrent.spi.ThreadContextRestorer;
import jakarta.enterprise.concurrent.spi.ThreadContextSnapshot;

/**
 * The user session a task was handed when it was submitted, or none. Each {@link #begin} counts a binding in to it
 * through the registry, as a request does: a session that ended in between is found ended, never created again, and
 * a session that ends while the task runs is destroyed when the last of its bindings lets go.
 */
// A server may serialize a snapshot with its task: the session and the registry are transient, so that neither the
// session ID nor any bean is ever written; a deserialized snapshot that carried a session refuses to bind one.
final class SessionSnapshot implements ThreadContextSnapshot, Serializable {

    private static final long serialVersionUID = 1L;
    private static final SessionSnapshot NONE = new SessionSnapshot(null, null);

    private final transient SessionRegistry registry;
    private final transient StoredSession session;
    private final boolean carrying;
    /**
     * The session's log-safe name, kept for {@link #toString} after serialization; made only when asked for, since
     * formatting it would cost a capture more than all the rest.
     */
    private String name;

    private SessionSnapshot(SessionRegistry registry, StoredSession session) {
        this.registry = registry;
        this.session = session;
        this.carrying = session != null;
    }

    /** The session bound to the calling thread, live or ended, or none; never creates one. */
    static SessionSnapshot capture() {
        Binding binding = Binding.current();
        StoredSession carried = binding == null ? null : binding.carried();
        return carried == null ? NONE : new SessionSnapshot(binding.registry(), carried);
    }

    /** No session: a task begun with it runs with none, whatever its thread had bound. */
    static SessionSnapshot none() {
        return NONE;
    }

    @Override
    public ThreadContextRestorer begin() {
        if (!carrying || ThreadStarts.isThreadStart()) {
            Binding previous = Binding.clear();
            return () -> Binding.restore(previous);
        }
        Binding binding = session != null && registry.enterCarried(session, false)
                ? Binding.forCarried(registry, session, OffRequest.entered(session, OffRequest.TASK))
                : Binding.forCarried(registry, null, OffRequest.refused(session, OffRequest.TASK));
        Binding previous = binding.bind();
        return new Restorer(binding, previous);
    }

    @Override
    public String toString() {
        return carrying ? "UserSession context of " + name() : "no UserSession context";
    }

    private synchronized String name() {
        if (name == null) {
            name = String.valueOf(session);
        }
        return name;
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        name();
        out.defaultWriteObject();
    }

    /** Undoes one {@link #begin}, once: restores what the thread had bound, then lets go of the session. */
    private static final class Restorer implements ThreadContextRestorer {
        private final Binding binding;
        private final Binding previous;
        private boolean ended;

        Restorer(Binding binding, Binding previous) {
            this.binding = binding;
            this.previous = previous;
        }

        @Override
        public void endContext() {
            if (ended) {
                return;
            }
            ended = true;
            try {
                Binding.restore(previous);
            } finally {
                binding.release();
            }
        }
    }
}
