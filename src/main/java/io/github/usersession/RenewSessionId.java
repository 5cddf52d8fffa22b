package io.github.usersession;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * Gives the current {@link UserSession} a new ID after the annotated method returns normally, keeping its instances:
 * put it on the login method to defeat session fixation. The old ID stops working at once and the response carries
 * the new cookie; a method that throws leaves the session alone.
 */
@Inherited
@Documented
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RenewSessionId {
}
