package io.github.usersession.internal.interceptors;

import java.io.Serializable;

import io.github.usersession.RenewSessionId;
import io.github.usersession.internal.Binding;
import io.github.usersession.internal.PendingChange;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Gives the bound user session a new ID after a {@link RenewSessionId} method returns normally.
 */
@RenewSessionId
// Outside @Transactional (PLATFORM_BEFORE + 200), so that a commit that fails counts as a method that threw.
// @Interceptor itself is added by the extension.
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class RenewSessionIdInterceptor implements Serializable {

    // Serializable because beans of the passivating @UserSession scope may use it.
    private static final long serialVersionUID = 1L;

    @AroundInvoke
    Object renewAfterReturn(InvocationContext invocation) throws Exception {
        Binding binding = Binding.current();
        if (binding == null) {
            return invocation.proceed();
        }
        // Pending rather than made after return: if the method commits the response (a redirect, say), the change is
        // made just before, while its cookie can still reach the client.
        PendingChange change = binding.expect(PendingChange.Kind.RENEW_ID);
        Object result;
        try {
            result = invocation.proceed();
        } catch (Exception | Error e) {
            binding.abandon(change);
            throw e;
        }
        binding.complete(change);
        return result;
    }
}
