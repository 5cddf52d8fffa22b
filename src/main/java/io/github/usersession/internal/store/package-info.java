/**
 * Where a shared store keeps the sessions: the Hazelcast store, the format of a session's record, and the
 * serialization of bean state that the record carries.
 */
@Vetoed
package io.github.usersession.internal.store;

import jakarta.enterprise.inject.Vetoed;
