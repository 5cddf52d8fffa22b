/**
 * What JAX-RS needs to see of the library. Like the interceptors this package is not {@code @Vetoed}: JAX-RS finds
 * its providers by scanning the application, our jar included.
 */
package io.github.usersession.internal.rest;
