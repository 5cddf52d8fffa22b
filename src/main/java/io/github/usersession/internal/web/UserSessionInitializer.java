package io.github.usersession.internal.web;

import java.util.EnumSet;
import java.util.Set;

import io.github.usersession.internal.SessionRegistry;
import io.github.usersession.internal.UserSessionExtension;
import io.github.usersession.internal.observers.RequestEnd;
import io.github.usersession.internal.security.Monitoring;
import io.github.usersession.internal.threads.EndpointCheck;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.HandlesTypes;
import jakarta.websocket.server.ServerEndpoint;

/**
 * Installs the scope in a web application with no configuration: starts the registry from the context parameters
 * (a bad value fails the deployment), binds every request with {@link UserSessionFilter}, publishes the session figures
 * (JMX, MicroProfile Metrics), and ends every session when the application stops. The check at the end of each request
 * that its session changes reached the client is {@link RequestEnd}'s.
 */
@HandlesTypes(ServerEndpoint.class)
public class UserSessionInitializer implements ServletContainerInitializer {

    /**
     * Installs the scope; {@code classes} are the application's WebSocket endpoints, checked here.
     *
     * @throws IllegalStateException naming the endpoint when one that names UserSessionConfigurator cannot be bound
     */
    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext servletContext) {
        EndpointCheck.check(classes);
        UserSessionExtension extension = CDI.current().getBeanManager().getExtension(UserSessionExtension.class);
        SessionRegistry registry = extension.start(servletContext.getContextPath(), servletContext::getInitParameter);
        FilterRegistration.Dynamic filter = servletContext.addFilter("usersession", new UserSessionFilter(registry));
        filter.setAsyncSupported(true);
        // Before the application's own filters, so that they can use @UserSession beans too.
        filter.addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*");
        servletContext.addListener(new Lifecycle(extension, registry));
    }

    /** The application's start and end. */
    static final class Lifecycle implements ServletContextListener {
        private final UserSessionExtension extension;
        private final SessionRegistry registry;
        private Monitoring monitoring;

        Lifecycle(UserSessionExtension extension, SessionRegistry registry) {
            this.extension = extension;
            this.registry = registry;
        }

        @Override
        public void contextInitialized(ServletContextEvent event) {
            // Here rather than in onStartup: Payara files metrics under the application that is running, and it
            // runs none while the initializers are called.
            monitoring = Monitoring.start(event.getServletContext().getContextPath(), registry,
                    extension.beanManager());
        }

        @Override
        public void contextDestroyed(ServletContextEvent event) {
            try {
                extension.stop();
            } finally {
                if (monitoring != null) {
                    monitoring.stop();
                }
            }
        }
    }
}
