package io.github.usersession.internal;

import java.util.function.UnaryOperator;

import io.github.usersession.UserSessions;
import io.github.usersession.internal.store.BeanSerializer;
import io.github.usersession.internal.store.Stores;
import io.github.usersession.internal.interceptors.EndpointSessionInterceptor;
import io.github.usersession.internal.interceptors.LogoutInterceptor;
import io.github.usersession.internal.interceptors.RenewSessionIdInterceptor;
import io.github.usersession.internal.observers.RequestEnd;
import io.github.usersession.spi.SessionStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.interceptor.Interceptor;

/**
 * The portable extension that installs the {@code @UserSession} context, its interceptors and the
 * {@link UserSessions} bean, and owns the application's session registry.
 */
public class UserSessionExtension implements Extension {

    private static final Interceptor INTERCEPTOR = new InterceptorLiteral();
    /** Whether the Servlet API is here: not in a plain CDI SE program, which has no requests to end. */
    private static final boolean SERVLET_API = present("jakarta.servlet.ServletRequest");

    private BeanManager beanManager;
    private volatile SessionRegistry registry;

    void addTypes(@Observes BeforeBeanDiscovery event, BeanManager manager) {
        // We add what we need ourselves, so that the application's discovery mode never matters. @Interceptor is added
        // here rather than on the classes: it is bean-defining, and a server that scanned our jar as an implicit bean
        // archive would otherwise register each interceptor twice.
        event.addAnnotatedType(LogoutInterceptor.class, LogoutInterceptor.class.getName()).add(INTERCEPTOR);
        event.addAnnotatedType(RenewSessionIdInterceptor.class, RenewSessionIdInterceptor.class.getName())
                .add(INTERCEPTOR);
        event.addAnnotatedType(EndpointSessionInterceptor.class, EndpointSessionInterceptor.class.getName())
                .add(INTERCEPTOR);
        if (SERVLET_API) {
            // The check at the end of each request, a bean for its static observer method only.
            event.addAnnotatedType(RequestEnd.class, RequestEnd.class.getName());
        }
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
    public synchronized SessionRegistry start(String contextPath, UnaryOperator<String> contextParams) {
        if (registry != null) {
            // Its settings were read without web.xml: going on would silently ignore the context parameters.
            throw new IllegalStateException("User sessions were used before the servlet context started, so the"
                    + " usersession.* context parameters of web.xml could not apply; use them only once it has");
        }
        return create(contextPath, contextParams);
    }

    /** The registry, started from every configuration source but web.xml when no servlet container started it. */
    public SessionRegistry registry() {
        SessionRegistry started = registry;
        if (started == null) {
            synchronized (this) {
                started = registry != null ? registry : create("", key -> null);
            }
        }
        return started;
    }

    private SessionRegistry create(String contextPath, UnaryOperator<String> contextParams) {
        UnaryOperator<String> settings = UserSessionConfig.sources(contextParams);
        UserSessionConfig config = UserSessionConfig.from(settings);
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        SessionStore shared = Stores.create(config.store(), application);
        SessionRegistry created;
        if (shared == null) {
            created = new SessionRegistry(config, new LiveSessions(), new SessionEvents(beanManager),
                    System::currentTimeMillis);
        } else {
            Replication replication = new Replication(shared, new BeanSerializer(application),
                    new BeanIndex(applicationBeans()), config.idleTimeout(), config.absoluteTimeout());
            created = new SessionRegistry(config, new LiveSessions(), new SessionEvents(beanManager),
                    System::currentTimeMillis, replication);
            shared.start(new StoreConnection(created, contextPath, settings, application));
        }
        created.startReaper();
        registry = created;
        return created;
    }

    /**
     * The bean manager our extension was given, once the deployment is validated (null before): on Payara it sees the
     * beans that the server's own extensions add, such as MicroProfile Metrics' registry, where the application's does
     * not when asked from our jar.
     */
    public BeanManager beanManager() {
        return beanManager;
    }

    /**
     * The application's bean manager, which sees every bean of the application: the one our extension is given may
     * be our jar's, which does not see the application's beans on every server.
     */
    private BeanManager applicationBeans() {
        try {
            return CDI.current().getBeanManager();
        } catch (IllegalStateException noCdiHere) {
            return beanManager;
        }
    }

    /** Ends every session and stops the reaper; harmless when called twice. */
    public synchronized void stop() {
        if (registry != null) {
            registry.stop();
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, UserSessionExtension.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** {@code @Interceptor}, which its API has no literal for. */
    @SuppressWarnings("all")
    private static final class InterceptorLiteral extends AnnotationLiteral<Interceptor> implements Interceptor {
        private static final long serialVersionUID = 1L;
    }
}
