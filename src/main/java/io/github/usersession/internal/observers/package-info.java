/**
 * Observer methods that the library's extension adds as beans. Like the interceptors this package is not
 * {@code @Vetoed}: Weld ignores an annotated type of a vetoed package even when an extension adds it, and it delivers
 * an event to a declared observer method more cheaply than to a synthetic one (see {@link RequestEnd}).
 */
package io.github.usersession.internal.observers;
