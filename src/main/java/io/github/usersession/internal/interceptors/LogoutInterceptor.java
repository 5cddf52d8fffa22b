package io.github.usersession.internal.interceptors;

import java.io.Serializable;

import io.github.usersession.Logout;
import io.github.usersession.UserSessions;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Ends the bound user session after a {@link Logout} method returns normally.
 */
@Logout
// Outside @Transactional (PLATFORM_BEFORE + 200), so that a commit that fails counts as a method that threw.
// @Interceptor itself is added by the extension.
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class LogoutInterceptor implements Serializable {

    // Serializable because beans of the passivating @UserSession scope may use it.
    private static final long serialVersionUID = 1L;

    @Inject
    UserSessions sessions;

    @AroundInvoke
    Object endAfterReturn(InvocationContext invocation) throws Exception {
        Object result = invocation.proceed();
        if (sessions.isActive()) {
            sessions.end();
        }
        return result;
    }
}
