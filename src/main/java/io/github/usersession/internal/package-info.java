/**
 * The implementation of the {@code @UserSession} scope; nothing here is API, and nothing here is ever a bean.
 */
@Vetoed
package io.github.usersession.internal;

import jakarta.enterprise.inject.Vetoed;
