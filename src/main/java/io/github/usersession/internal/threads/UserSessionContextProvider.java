package io.github.usersession.internal.threads;

import java.util.Map;
import java.util.Set;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.concurrent.spi.ThreadContextProvider;
import jakarta.enterprise.concurrent.spi.ThreadContextSnapshot;

/**
 * Carries the user session of the submitting thread to tasks of managed executors, {@code @Asynchronous} methods
 * and contextual proxies of a {@code ContextService}: the Jakarta Concurrency context type {@value #TYPE}.
 * <p>
 * Servers find it through {@code META-INF/services} (Payara creates one for each task submission, WildFly one for each
 * component at deployment), so it is stateless and cheap to create. A thread of a {@link ManagedThreadFactory} never
 * gets a session: such threads usually serve a pool, where one user's session would stay with every later task.
 */
public final class UserSessionContextProvider implements ThreadContextProvider {

    /** The name a {@code @ContextServiceDefinition} lists to propagate, clear or leave the user session unchanged. */
    public static final String TYPE = "UserSession";

    /** How deep in the submitting stack a thread factory is looked for; servers call us a few frames below it. */
    private static final int FACTORY_DEPTH = 32;
    private static final StackWalker STACK = StackWalker.getInstance(Set.of(StackWalker.Option.RETAIN_CLASS_REFERENCE));

    @Override
    public ThreadContextSnapshot currentContext(Map<String, String> executionProperties) {
        SessionSnapshot snapshot = SessionSnapshot.capture();
        // The stack is only walked when there is a session to withhold: most submissions without one pay nothing.
        return snapshot.isEmpty() || !forThreadFactory() ? snapshot : SessionSnapshot.none();
    }

    @Override
    public ThreadContextSnapshot clearedContext(Map<String, String> executionProperties) {
        return SessionSnapshot.none();
    }

    @Override
    public String getThreadContextType() {
        return TYPE;
    }

    /** Whether the context is being captured for a new thread of a managed thread factory. */
    private static boolean forThreadFactory() {
        return STACK.walk(frames -> frames.limit(FACTORY_DEPTH)
                .anyMatch(frame -> ManagedThreadFactory.class.isAssignableFrom(frame.getDeclaringClass())));
    }
}
