package io.github.usersession;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * Ends the current {@link UserSession} after the annotated method returns normally; a method that throws leaves the
 * session alone. The session ID stops working at once, the response clears the cookie and the session's instances are
 * destroyed at the latest when the request ends.
 */
@Inherited
@Documented
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Logout {
}
