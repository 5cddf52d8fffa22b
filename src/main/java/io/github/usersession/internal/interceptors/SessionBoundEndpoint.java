package io.github.usersession.internal.interceptors;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.interceptor.InterceptorBinding;

/**
 * Binds {@link EndpointSessionInterceptor}: given to the endpoints that {@code UserSessionConfigurator} creates, never
 * written on an application class.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface SessionBoundEndpoint {

    /** The annotation's instance, to add to an endpoint's type. */
    @SuppressWarnings("all")
    final class Literal extends AnnotationLiteral<SessionBoundEndpoint> implements SessionBoundEndpoint {
        public static final Literal INSTANCE = new Literal();
        private static final long serialVersionUID = 1L;
    }
}
