package io.github.usersession.internal;

import java.util.EnumSet;
import java.util.Set;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/**
 * Installs the scope in a web application with no configuration: starts the registry from the context parameters
 * (a bad value fails the deployment), binds every request with {@link UserSessionFilter} and ends every session
 * when the application stops.
 */
public class UserSessionInitializer implements ServletContainerInitializer {

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext servletContext) {
        UserSessionExtension extension = CDI.current().getBeanManager().getExtension(UserSessionExtension.class);
        SessionRegistry registry = extension.start(servletContext::getInitParameter);
        FilterRegistration.Dynamic filter = servletContext.addFilter("usersession", new UserSessionFilter(registry));
        filter.setAsyncSupported(true);
        // Before the application's own filters, so that they can use @UserSession beans too.
        filter.addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*");
        servletContext.addListener(new ServletContextListener() {
            @Override
            public void contextDestroyed(ServletContextEvent event) {
                extension.stop();
            }
        });
    }
}
