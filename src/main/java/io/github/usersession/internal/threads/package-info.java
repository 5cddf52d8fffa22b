/**
 * The scope beyond the request thread: the Jakarta Concurrency {@code ThreadContextProvider} that carries a user
 * session to managed executors and {@code @Asynchronous} methods, the wrappers behind
 * {@code UserSessions.contextualRunnable} and its kin, and the binding of WebSocket endpoint calls to the session their
 * handshake named. Every binding made here is counted in and out through the session registry like a request's, and
 * undone in {@code finally}.
 */
@Vetoed
package io.github.usersession.internal.threads;

import jakarta.enterprise.inject.Vetoed;
