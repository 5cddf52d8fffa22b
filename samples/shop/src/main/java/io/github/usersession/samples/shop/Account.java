package io.github.usersession.samples.shop;

import java.io.Serializable;
import java.util.Optional;

import io.github.usersession.Logout;
import io.github.usersession.RenewSessionId;
import io.github.usersession.UserSession;

/** Who is signed in; a demo login that asks only for a name, with the library's session-fixation defence. */
@UserSession
public class Account implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Longest accepted user name; the rest of the page layout assumes short names. */
    public static final int MAX_NAME_LENGTH = 32;

    // Volatile: a single reference read and written by concurrent requests of the session.
    private volatile String user;

    /** The user name as it will be stored, or empty when it is blank or longer than {@link #MAX_NAME_LENGTH}. */
    public static Optional<String> validName(String name) {
        String trimmed = name == null ? "" : name.strip();
        return trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH ? Optional.empty() : Optional.of(trimmed);
    }

    /**
     * Signs in; afterwards the session has a new ID, so an ID an attacker planted before login is worthless.
     *
     * @throws IllegalArgumentException when the name is not {@linkplain #validName(String) valid}; then the ID is
     *         not renewed, as the interceptor renews only after a normal return
     */
    @RenewSessionId
    public void signIn(String name) {
        user = validName(name).orElseThrow(() -> new IllegalArgumentException("not a valid user name"));
    }

    /** Ends the whole session: the ID dies now, the cookie is cleared, and the cart goes with it. */
    @Logout
    public void signOut() {
        user = null;
    }

    public Optional<String> user() {
        return Optional.ofNullable(user);
    }
}
