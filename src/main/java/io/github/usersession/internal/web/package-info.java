/**
 * Where a request enters and leaves: the filter that binds it, the session ID cookie, and the response hook that makes
 * every session change reach the client before the response commits.
 */
@Vetoed
package io.github.usersession.internal.web;

import jakarta.enterprise.inject.Vetoed;
