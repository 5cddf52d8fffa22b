package io.github.usersession.internal;

import java.util.function.UnaryOperator;
import java.util.logging.Logger;

import io.github.usersession.UserSessions;
import io.github.usersession.internal.interceptors.LogoutInterceptor;
import io.github.usersession.internal.interceptors.RenewSessionIdInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.Extension;

/**
 * The portable extension that installs the {@code @UserSession} context, its interceptors and the
 * {@link UserSessions} bean, and owns the application's session registry.
 */
public class UserSessionExtension implements Extension {

    private static final Logger LOG = Logger.getLogger(UserSessionExtension.class.getName());

    private BeanManager beanManager;
    private volatile SessionRegistry registry;

    void addInterceptors(@Observes BeforeBeanDiscovery event, BeanManager manager) {
        // Our jar is no bean archive, so that the application's discovery mode never matters: we add what we need.
        event.addAnnotatedType(LogoutInterceptor.class, LogoutInterceptor.class.getName());
        event.addAnnotatedType(RenewSessionIdInterceptor.class, RenewSessionIdInterceptor.class.getName());
    }

    void addContext(@Observes AfterBeanDiscovery event) {
        event.addContext(new UserSessionContext());
        event.addBean()
                .id(UserSessions.class.getName())
                .types(UserSessions.class, Object.class)
                .scope(ApplicationScoped.class)
                .createWith(creationalContext -> new UserSessionService(this));
    }

    void checkConfiguration(@Observes AfterDeploymentValidation event, BeanManager manager) {
        beanManager = manager;
        try {
            UserSessionConfig.load();
        } catch (IllegalArgumentException e) {
            event.addDeploymentProblem(e);
        }
    }

    void stop(@Observes BeforeShutdown event) {
        stop();
    }

    /**
     * Starts the registry with web.xml's context parameters as the last configuration source; a servlet container
     * calls this before the first request.
     *
     * @throws IllegalArgumentException naming the key and the value when a setting is invalid
     */
    public synchronized SessionRegistry start(UnaryOperator<String> contextParams) {
        if (registry != null) {
            LOG.warning("User sessions were used before the servlet context started; its parameters are ignored");
            return registry;
        }
        return create(contextParams);
    }

    /** The registry, started from every configuration source but web.xml when no servlet container started it. */
    SessionRegistry registry() {
        SessionRegistry started = registry;
        if (started == null) {
            synchronized (this) {
                started = registry != null ? registry : create(key -> null);
            }
        }
        return started;
    }

    private SessionRegistry create(UnaryOperator<String> contextParams) {
        SessionRegistry created = new SessionRegistry(UserSessionConfig.load(contextParams),
                new InMemorySessionStore(), new SessionEvents(beanManager), System::currentTimeMillis);
        created.startReaper();
        registry = created;
        return created;
    }

    /** Ends every session and stops the reaper; harmless when called twice. */
    public synchronized void stop() {
        if (registry != null) {
            registry.stop();
        }
    }
}
