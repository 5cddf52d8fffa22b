/**
 * The extension points of the library: a {@link io.github.usersession.spi.SessionStore} that the servers of a cluster
 * share. Applications never need this package; store writers do.
 */
package io.github.usersession.spi;
