package io.github.usersession.internal.threads;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.InjectionTarget;

/**
 * Makes the endpoint instances of one configurator through CDI (injection, {@code @PostConstruct}, interceptors) with
 * the interceptor that binds their calls to the user session; their {@code @PreDestroy} runs after their
 * {@code @OnClose}.
 */
// The container's own instances cannot be intercepted by us: a CDI interceptor applies only to an instance that CDI
// makes with the binding on its type, which is why the configurator makes them itself.
public final class EndpointInstances {

    private static final ThreadLocal<Created> CREATING = new ThreadLocal<>();

    /** One injection target per endpoint class: each makes a subclass, which must not be made again per connection. */
    private final Map<Class<?>, InjectionTarget<?>> targets = new ConcurrentHashMap<>();

    /**
     * A new instance of the endpoint.
     *
     * @throws InstantiationException naming the class when CDI cannot make it
     */
    public <T> T create(BeanManager beanManager, Class<T> endpointClass) throws InstantiationException {
        @SuppressWarnings("unchecked")
        InjectionTarget<T> target = (InjectionTarget<T>) targets.computeIfAbsent(endpointClass,
                type -> injectionTarget(beanManager, type));
        CreationalContext<T> context = beanManager.createCreationalContext(null);
        Created created = new Created();
        CREATING.set(created);
        try {
            T instance = target.produce(context);
            target.inject(instance, context);
            target.postConstruct(instance);
            created.made(() -> {
                target.preDestroy(instance);
                target.dispose(instance);
                context.release();
            });
            return instance;
        } catch (RuntimeException e) {
            InstantiationException failure = new InstantiationException("The WebSocket endpoint "
                    + endpointClass.getName() + " could not be created: " + e);
            failure.initCause(e);
            throw failure;
        } finally {
            CREATING.remove();
        }
    }

    private static <T> InjectionTarget<T> injectionTarget(BeanManager beanManager, Class<T> type) {
        return beanManager.getInjectionTargetFactory(new BoundEndpointType<>(beanManager.createAnnotatedType(type)))
                .createInjectionTarget(null);
    }

    /** The instance whose interceptors are being made on this thread now; null anywhere else. */
    public static Created justCreated() {
        return CREATING.get();
    }

    /** The end of one endpoint instance, run once. */
    public static final class Created {
        private Runnable destroy;

        private synchronized void made(Runnable destroy) {
            this.destroy = destroy;
        }

        synchronized void destroy() {
            Runnable doomed = destroy;
            destroy = null;
            if (doomed != null) {
                doomed.run();
            }
        }
    }
}
