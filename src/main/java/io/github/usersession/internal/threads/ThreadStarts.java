package io.github.usersession.internal.threads;

import java.util.Set;
import java.util.concurrent.Executor;

import jakarta.enterprise.concurrent.ManageableThread;

/**
 * Tells a snapshot begun at the start of a managed thread factory's thread, which must get no session, from one begun
 * around a task of a managed executor, which must. Both run on managed threads; only a task runs within an executor.
 */
// A thread factory's thread usually serves a pool, whose loop runs within the context begun at the thread's start:
// one user's session there would stay with every later task. The stack is walked once per managed thread at most: a
// thread found running within an executor is remembered, and keeps running within it. Threads that no container
// manages (a contextual proxy run on a plain thread) are never walked.
final class ThreadStarts {

    private static final StackWalker STACK = StackWalker.getInstance(Set.of(StackWalker.Option.RETAIN_CLASS_REFERENCE));
    private static final ThreadLocal<Boolean> IN_EXECUTOR = new ThreadLocal<>();

    private ThreadStarts() {
    }

    /** Whether the current thread is a managed thread that runs no executor's task now: a factory's thread start. */
    static boolean isThreadStart() {
        if (!(Thread.currentThread() instanceof ManageableThread) || IN_EXECUTOR.get() != null) {
            return false;
        }
        boolean inExecutor = STACK.walk(frames -> frames.anyMatch(
                frame -> Executor.class.isAssignableFrom(frame.getDeclaringClass())));
        if (inExecutor) {
            IN_EXECUTOR.set(Boolean.TRUE);
        }
        return !inExecutor;
    }
}
