package io.github.usersession.internal.threads;

import java.util.Map;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.concurrent.spi.ThreadContextProvider;
import jakarta.enterprise.concurrent.spi.ThreadContextSnapshot;

/**
 * Carries the user session of the submitting thread to tasks of managed executors, {@code @Asynchronous} methods
 * and contextual proxies of a {@code ContextService}: the Jakarta Concurrency context type {@value #TYPE}.
 * <p>
 * Servers find it through {@code META-INF/services} (Payara creates one for each task submission, WildFly one for each
 * component at deployment), so it is stateless and cheap to create. A thread of a {@link ManagedThreadFactory} never
 * gets a session when it starts: such threads usually serve a pool, where one user's session would stay with every
 * later task.
 */
public final class UserSessionContextProvider implements ThreadContextProvider {

    /** The name a {@code @ContextServiceDefinition} lists to propagate, clear or leave the user session unchanged. */
    public static final String TYPE = "UserSession";

    @Override
    public ThreadContextSnapshot currentContext(Map<String, String> executionProperties) {
        return SessionSnapshot.capture();
    }

    @Override
    public ThreadContextSnapshot clearedContext(Map<String, String> executionProperties) {
        return SessionSnapshot.none();
    }

    @Override
    public String getThreadContextType() {
        return TYPE;
    }
}
