package io.github.usersession.internal;

import io.github.usersession.SessionEndReason;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What binds a thread to a user session: a servlet request, which finds its session by cookie on first use and
 * creates one only when a bean needs it, or an explicit binding to one known session.
 */
final class Binding {

    static final String NOT_BOUND = "No user session is bound to this thread, so @UserSession beans cannot be used"
            + " here. They work within servlet requests; elsewhere (jobs, tests, other threads) bind a session with"
            + " UserSessions.runIn(session, task), for example runIn(userSessions.create(), task).";

    /** Carries a session that the request's cookie does not name (new, or renewed) to its later dispatches. */
    private static final String REQUEST_ATTRIBUTE = StoredSession.class.getName();

    private static final ThreadLocal<Binding> CURRENT = new ThreadLocal<>();

    private final SessionRegistry registry;
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final boolean counted;
    private StoredSession session;
    private boolean resolved;
    private boolean createdHere;

    private Binding(SessionRegistry registry, HttpServletRequest request, HttpServletResponse response,
            StoredSession session, boolean counted) {
        this.registry = registry;
        this.request = request;
        this.response = response;
        this.session = session;
        this.resolved = session != null;
        this.counted = counted;
    }

    static Binding forRequest(SessionRegistry registry, HttpServletRequest request, HttpServletResponse response) {
        return new Binding(registry, request, response, null, true);
    }

    /** A binding to a session the caller has already counted in with {@link SessionRegistry#enter}. */
    static Binding forEntered(SessionRegistry registry, StoredSession session) {
        return new Binding(registry, null, null, session, true);
    }

    /** A binding that lets the observers of a dying session's {@code @BeforeDestroyed} event use its beans. */
    static Binding forDying(SessionRegistry registry, StoredSession session) {
        return new Binding(registry, null, null, session, false);
    }

    static Binding current() {
        return CURRENT.get();
    }

    static Binding require() {
        Binding binding = CURRENT.get();
        if (binding == null) {
            throw new ContextNotActiveException(NOT_BOUND);
        }
        return binding;
    }

    /** Binds this to the current thread and returns what was bound before, for {@link #restore}. */
    Binding bind() {
        Binding previous = CURRENT.get();
        CURRENT.set(this);
        return previous;
    }

    static void restore(Binding previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }

    /**
     * The bound session, live or ended during this binding; with {@code create}, a request without one gets a new
     * session and its cookie.
     */
    StoredSession session(boolean create) {
        if (!resolved) {
            resolved = true;
            session = find();
        }
        if (session == null && create) {
            if (response.isCommitted()) {
                throw new IllegalStateException("A user session cannot start after the response has been committed:"
                        + " its cookie could not be sent. Use the @UserSession bean before writing the response.");
            }
            session = registry.create();
            createdHere = true;
            registry.cookie().issue(request, response, session.id());
            request.setAttribute(REQUEST_ATTRIBUTE, session);
            registry.announce(session);
        }
        return session;
    }

    /** The bound session while it is live. */
    StoredSession live() {
        StoredSession bound = session(false);
        return bound != null && bound.isLive() ? bound : null;
    }

    void end() {
        StoredSession bound = live();
        if (bound != null) {
            registry.end(bound, SessionEndReason.LOGOUT);
            if (request != null && !response.isCommitted()) {
                registry.cookie().clear(request, response);
            }
        }
    }

    void renewId() {
        StoredSession bound = live();
        // An ID that this very response issues is known to no one else: renewing it would only send a second cookie.
        if (bound == null || createdHere) {
            return;
        }
        if (request != null && response.isCommitted()) {
            throw new IllegalStateException("The user session ID cannot be renewed after the response has been"
                    + " committed: the new cookie could not be sent. Renew it before writing the response.");
        }
        if (registry.renewId(bound) && request != null) {
            registry.cookie().issue(request, response, bound.id());
            // The request's cookie names the old ID now: later dispatches find the session by this attribute.
            request.setAttribute(REQUEST_ATTRIBUTE, bound);
        }
    }

    /** Lets go of the session; the last binding of an ended session destroys it. */
    void release() {
        if (counted && session != null) {
            registry.release(session);
        }
    }

    private StoredSession find() {
        Object dispatched = request.getAttribute(REQUEST_ATTRIBUTE);
        if (dispatched instanceof StoredSession earlier && registry.enter(earlier)) {
            return earlier;
        }
        for (SessionId id : registry.cookie().candidates(request)) {
            // No request attribute here: a later dispatch finds the session by the same cookie.
            StoredSession found = registry.find(id);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
