package io.github.usersession;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The injectable service of the {@link UserSession} scope: asks about, ends, renews and binds user sessions.
 * Calls about "the current session" refer to the session bound to the calling thread: a servlet request's, or the one
 * bound by {@link #runIn(SessionHandle, Runnable)}.
 */
public interface UserSessions {

    /** Whether a session binding is active on this thread: within a servlet request or a {@code runIn} call. */
    boolean isActive();

    /** Whether the current binding has a live session; never creates one. */
    boolean exists();

    /** The current live session, without creating one. */
    Optional<SessionHandle> current();

    /**
     * Ends the current session as {@link Logout} does; does nothing when there is none.
     *
     * @throws jakarta.enterprise.context.ContextNotActiveException when no binding is active on this thread
     */
    void end();

    /**
     * Gives the current session a new ID as {@link RenewSessionId} does; does nothing when there is none.
     *
     * @throws jakarta.enterprise.context.ContextNotActiveException when no binding is active on this thread
     * @throws IllegalStateException when the response is already committed, so the new cookie could not be sent
     */
    void renewId();

    /** How many sessions are live in this application. */
    int count();

    /**
     * The live sessions of a user in this application, oldest first: those on which a request carrying this
     * {@code HttpServletRequest.getUserPrincipal()} name signed in. Callable from any thread, within a request or not.
     * With {@code usersession.store=hazelcast}, the sessions that any server of the cluster signed in; each call then
     * reads the store once for the user and once per session listed. A handle of a session that this server does not
     * hold reads the store for {@link SessionHandle#isLive()}, can be ended through {@link #endAll}, and cannot be
     * bound with {@link #runIn}.
     *
     * @param principal the user's name, as {@code Principal.getName()} gives it
     * @return a snapshot; empty for a user with no live session
     * @throws NullPointerException when {@code principal} is null
     */
    List<SessionHandle> findByPrincipal(String principal);

    /**
     * Ends every live session of a user in this application at once, with {@link SessionEndReason#REVOKED}: their IDs
     * stop working now, and each session's beans are destroyed once, as soon as no request uses them. Callable from
     * any thread. When the session of the calling request is among them, its response clears the cookie as a logout
     * does. With {@code usersession.store=hazelcast}, the sessions that any server signed in, ended on every server;
     * this server destroys them, with the state from the store.
     *
     * @param principal the user's name, as {@code Principal.getName()} gives it
     * @return how many sessions this call ended
     * @throws NullPointerException when {@code principal} is null
     */
    int endAll(String principal);

    /**
     * Creates a session that no cookie names, for work outside HTTP requests (jobs, tests); bind it with
     * {@link #runIn(SessionHandle, Runnable)}. It expires like any other session unless ended.
     *
     * @throws SessionLimitException when {@code usersession.max-sessions} sessions are live
     */
    SessionHandle create();

    /**
     * Runs the task with the given live session bound to the current thread, then restores the previous binding.
     * This does not count as activity for the idle timeout.
     *
     * @throws IllegalStateException when the session has ended, or when, with {@code usersession.store=hazelcast}, it
     *         is a handle from {@link #findByPrincipal} of a session that only other servers hold
     */
    void runIn(SessionHandle session, Runnable task);

    /**
     * Calls the task with the given live session bound to the current thread, then restores the previous binding.
     *
     * @throws IllegalStateException when the session has ended, or when it is a handle of a session that only other
     *         servers hold, as for {@link #runIn}
     */
    <T> T callIn(SessionHandle session, Callable<T> task) throws Exception;

    /**
     * Wraps the task so that it runs with the session bound to the calling thread now, for threads that no container
     * manages: a plain {@code ExecutorService}, {@code CompletableFuture.runAsync} on the common pool. Managed
     * executors and {@code @Asynchronous} methods need no wrapping (see {@link UserSession}, Threads).
     * <p>
     * Each run binds the session to its thread for exactly the run, then restores what that thread had bound. A run
     * that starts after the session ended has it ended: using a bean throws {@code ContextNotActiveException} saying
     * so, and nothing creates the session again; a session that ends during a run stays usable until the run ends,
     * and its beans are then destroyed once. Wrapped where no session is bound, the task runs with none, even on a
     * thread that has one. A run never starts a session, nor renews its ID: no response could carry the cookie.
     * <p>
     * Thread-safe: the wrapper may run any number of times, on any threads, at once. Wrapping never throws.
     */
    Runnable contextualRunnable(Runnable task);

    /** As {@link #contextualRunnable(Runnable)}, for a task with a result that may throw. */
    <T> Callable<T> contextualCallable(Callable<T> task);

    /**
     * As {@link #contextualRunnable(Runnable)}, for a task with a result, such as
     * {@code CompletableFuture.supplyAsync(sessions.contextualSupplier(cart::total))}.
     */
    <T> Supplier<T> contextualSupplier(Supplier<T> task);
}
