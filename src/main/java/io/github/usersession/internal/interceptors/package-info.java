/**
 * The interceptors behind {@code @Logout}, {@code @RenewSessionId} and the binding of WebSocket endpoints. Unlike
 * the rest of the implementation this package is not {@code @Vetoed}: interceptors must be beans, and they become
 * beans only because our extension adds them (our jar is no bean archive).
 */
package io.github.usersession.internal.interceptors;
