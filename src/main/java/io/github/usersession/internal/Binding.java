package io.github.usersession.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.usersession.SessionEndReason;
import jakarta.enterprise.context.ContextNotActiveException;

/**
 * What binds a thread to a user session: a request, which finds its session through its {@link SessionChannel} on
 * first use and creates one only when a bean needs it, or an explicit binding to one known session.
 */
public final class Binding {

    static final String NOT_BOUND = "No user session is bound to this thread, so @UserSession beans cannot be used"
            + " here. They work within servlet requests, in tasks submitted from them to managed executors, and in"
            + " WebSocket endpoints that name UserSessionConfigurator; carry the caller's session to other threads with"
            + " UserSessions.contextualRunnable(task), or bind one with UserSessions.runIn(session, task), for example"
            + " runIn(userSessions.create(), task).";

    private static final Logger LOG = Logger.getLogger(Binding.class.getName());
    private static final ThreadLocal<Binding> CURRENT = new ThreadLocal<>();

    private final SessionRegistry registry;
    /** The request's side, or null for a binding to one known session. */
    private final SessionChannel channel;
    private final boolean counted;
    private StoredSession session;
    private boolean resolved;
    private boolean createdHere;
    /** Whether this binding gave the session a new ID: a sign-in needs no second one. */
    private boolean renewedHere;
    /** Changes that running methods ask for when they return; null until the first, which is rare. */
    private List<PendingChange> pending;

    private Binding(SessionRegistry registry, SessionChannel channel, StoredSession session, boolean counted) {
        this.registry = registry;
        this.channel = channel;
        this.session = session;
        this.resolved = session != null;
        this.counted = counted;
    }

    /** A request's binding, which looks its session up through the channel on first use. */
    public static Binding forRequest(SessionRegistry registry, SessionChannel channel) {
        return new Binding(registry, channel, null, true);
    }

    /** A binding to a session the caller has already counted in with {@link SessionRegistry#enter}. */
    static Binding forEntered(SessionRegistry registry, StoredSession session) {
        return new Binding(registry, null, session, true);
    }

    /**
     * A binding off the request thread (a task, a WebSocket call) to a session the caller has counted in with
     * {@link SessionRegistry#enterCarried}, or to none when {@code entered} is null. The channel refuses what only a
     * request could do, since no response can carry a cookie: starting a session, renewing its ID.
     */
    public static Binding forCarried(SessionRegistry registry, StoredSession entered, SessionChannel channel) {
        return new Binding(registry, channel, entered, true);
    }

    /** A binding that lets a dying session's observers and {@code @PreDestroy} methods use its beans. */
    static Binding forDying(SessionRegistry registry, StoredSession session) {
        return new Binding(registry, null, session, false);
    }

    /** The registry of the application whose session this binds. */
    public SessionRegistry registry() {
        return registry;
    }

    public static Binding current() {
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
    public Binding bind() {
        Binding previous = CURRENT.get();
        CURRENT.set(this);
        return previous;
    }

    /** Leaves the current thread with no binding and returns what was bound before, for {@link #restore}. */
    public static Binding clear() {
        Binding previous = CURRENT.get();
        if (previous != null) {
            CURRENT.set(null);
        }
        return previous;
    }

    // Null is set rather than the entry removed: a removal clears a weak reference, and the next request's bind() makes
    // a new one; that was a quarter of the library's own time on a request that uses no bean (issue 13's profile). A
    // null entry holds no session, and its key is weak, so it keeps no class loader either.
    public static void restore(Binding previous) {
        CURRENT.set(previous);
    }

    /**
     * The bound session, live or ended during this binding; with {@code create}, a request without one gets a new
     * session, which its response names.
     *
     * @throws IllegalStateException when a session would have to start but its client could no longer learn of it
     */
    StoredSession session(boolean create) {
        if (!resolved) {
            resolved = true;
            session = channel.find();
            if (session != null) {
                followPrincipal(channel.principal());
            }
        }
        if (session == null && create) {
            channel.checkDeliverable("A user session cannot start");
            session = registry.create();
            createdHere = true;
            channel.issued(session, true);
            String principal = channel.principal();
            if (principal != null) {
                registry.principals().signIn(session, principal);
            }
            registry.announce(session);
        }
        return session;
    }

    /**
     * The session that work handed from here to another thread must run with: the bound one, live or ended (the
     * other thread then finds it ended), or null when none is bound. Never creates one.
     */
    public StoredSession carried() {
        StoredSession bound = session(false);
        return bound == null && channel != null ? channel.carried() : bound;
    }

    /**
     * Follows the request's authenticated user, who may appear in the middle of the request: the session's beans go
     * to no other user. Called where session changes can still reach the client: on the session's first use, before
     * the response commits, after a login and at the request's end. An anonymous request costs one call.
     */
    public void checkPrincipal() {
        if (channel == null) {
            return;
        }
        String principal = channel.principal();
        if (principal == null) {
            return; // BASIC clients send their credentials with some requests only: no principal changes nothing
        }
        if (resolved) {
            followPrincipal(principal);
        } else {
            session(false); // resolving follows the principal
        }
    }

    private void followPrincipal(String principal) {
        StoredSession bound = session;
        if (principal == null || bound == null || !bound.isLive()) {
            return;
        }
        String owner = bound.principal();
        if (principal.equals(owner)) {
            return;
        }
        if (owner == null) {
            signIn(bound, principal);
        } else {
            // Another user: the old session ends, and the next use of a bean starts a new one for this user.
            registry.end(bound, SessionEndReason.LOGOUT);
            channel.ended();
            session = null;
            if (counted) {
                registry.release(bound);
            }
        }
    }

    /** A sign-in renews the ID first, or does not happen yet: it is tried again while the user's requests come. */
    private void signIn(StoredSession bound, String principal) {
        if (registry.config().renewOnLogin() && !createdHere && !renewedHere) {
            if (!channel.deliverable() || !registry.renewId(bound)) {
                return;
            }
            renewedHere = true;
            channel.issued(bound, false);
        }
        registry.principals().signIn(bound, principal);
    }

    /** The bound session may have been ended by another thread's call: the client learns of it if it still can. */
    void endedElsewhere() {
        if (channel != null && resolved && session != null && !session.isLive() && channel.deliverable()) {
            channel.ended();
        }
    }

    /** The bound session while it is live. */
    StoredSession live() {
        StoredSession bound = session(false);
        return bound != null && bound.isLive() ? bound : null;
    }

    /**
     * Ends the bound session, and a session renewed from the ID the request named moments ago: a logout racing a
     * renewal must still log out. An end after the response committed still ends the session on the server, since a
     * logout that did not happen would be worse than a cookie that names a dead session.
     */
    public void end() {
        StoredSession bound = live();
        if (bound == null && channel != null) {
            bound = channel.renamedSession();
        }
        if (bound != null) {
            registry.end(bound, SessionEndReason.LOGOUT);
            if (channel != null) {
                channel.ended();
            }
        }
    }

    /**
     * Gives the bound session a new ID.
     *
     * @throws IllegalStateException when the new ID could no longer reach the client
     */
    void renewId() {
        StoredSession bound = live();
        // An ID that this very response issues is known to no one else: renewing it would only send a second cookie.
        if (bound == null || createdHere) {
            return;
        }
        if (channel != null) {
            channel.checkDeliverable("The user session ID cannot be renewed");
        }
        if (registry.renewId(bound) && channel != null) {
            renewedHere = true;
            channel.issued(bound, false);
        }
    }

    /** Registers a change that a method asks for when it returns; see {@link PendingChange}. */
    public PendingChange expect(PendingChange.Kind kind) {
        PendingChange change = new PendingChange(kind);
        if (pending == null) {
            pending = new ArrayList<>(2);
        }
        pending.add(change);
        return change;
    }

    /** The method returned: makes its change unless the commit of the response made it already. */
    public void complete(PendingChange change) {
        pending.remove(change);
        if (!change.done) {
            change.done = true;
            apply(change.kind);
        }
    }

    /** The method threw: its change is dropped, unless the commit of the response made it already. */
    public void abandon(PendingChange change) {
        pending.remove(change);
    }

    /**
     * The response is about to commit, or the request is done: the changes that running methods ask for are made now,
     * while their cookie can still be sent (a logout wins over a renewal), and with a shared store, what the request
     * changed in its beans is written, so that the next request finds it on any server.
     *
     * @throws IllegalStateException naming the bean and the field when a bean cannot be serialized
     */
    public void beforeCommit() {
        if (pending != null && !pending.isEmpty()) {
            applyPending();
        }
        // The user may have signed in during the request (request.login(), SecurityContext.authenticate()).
        checkPrincipal();
        if (session != null) {
            registry.save(session);
            if (channel != null) {
                channel.served(session);
            }
        }
    }

    private void applyPending() {
        boolean logout = false;
        boolean renew = false;
        for (PendingChange change : pending) {
            if (!change.done) {
                change.done = true;
                logout |= change.kind == PendingChange.Kind.LOGOUT;
                renew |= change.kind == PendingChange.Kind.RENEW_ID;
            }
        }
        if (logout) {
            end();
        } else if (renew) {
            renewId();
        }
    }

    private void apply(PendingChange.Kind kind) {
        if (kind == PendingChange.Kind.LOGOUT) {
            end();
        } else {
            renewId();
        }
    }

    /**
     * Lets go of the session; the last binding of an ended session destroys it. With a shared store, what this binding
     * changed is written first, unless the request's {@link #beforeCommit} did.
     */
    public void release() {
        if (counted && session != null) {
            try {
                registry.save(session);
            } catch (RuntimeException e) {
                // The request has failed already, or its save failed and reported this to it: keep its own failure.
                LOG.log(Level.WARNING, e, () -> "Writing " + session + " to the session store failed");
            } finally {
                registry.release(session);
            }
        }
    }
}
