/**
 * Who owns a session and who tries to guess one: the index of sessions by principal, sign-in, per-user limit and
 * revocation, the count of rejected IDs and its event, and the monitoring that reports them.
 */
@Vetoed
package io.github.usersession.internal.security;

import jakarta.enterprise.inject.Vetoed;
