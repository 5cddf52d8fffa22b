package io.github.usersession.internal.store;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Makes Hazelcast's proxies of the store's maps on a thread that carries nothing of the application, so that a server
 * embedding Hazelcast attaches no tenant of the application to them.
 */
// Hazelcast asks a registered TenantControlFactory for the calling thread's tenant when a distributed object's proxy
// is first made in the cluster (ProxyRegistry, TenantControlServiceImpl), keeps that tenant for the object's life on
// every member, and sets it around every operation on the object on its partition threads
// (Operation.pushThreadContext).
// Payara registers PayaraHazelcastTenantFactory, which takes the component invocation on the thread and, around each
// operation, pushes the application's context and a CDI request context found through CDI.current(): ~46 µs of CPU
// per operation on our map, more than the rest of a read. The store's maps hold only Strings and byte arrays, and
// events reach our listeners on Hazelcast's event threads without any tenant: no operation on them needs the
// application. Payara keeps the invocation in an inheritable thread-local, and its factory attaches no tenant when the
// thread has none: hence a thread that inherits no thread-locals. Without a factory (WildFly, the bundled Hazelcast)
// the thread changes nothing. A map first made by an older version of the library keeps its tenant until the cluster
// restarts.
final class Untenanted {

    private Untenanted() {
    }

    /** What {@code creation} returns, run on a new thread that inherits no thread-local of the caller's. */
    static <T> T make(Supplier<T> creation) {
        CompletableFuture<T> made = new CompletableFuture<>();
        Thread thread = new Thread(null, () -> {
            try {
                made.complete(creation.get());
            } catch (RuntimeException | Error e) {
                made.completeExceptionally(e);
            }
        }, "usersession-store-start", 0, false);
        thread.setDaemon(true);
        thread.start();
        try {
            return made.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }
}
