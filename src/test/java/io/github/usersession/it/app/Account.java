package io.github.usersession.it.app;

import java.io.Serializable;

import io.github.usersession.Logout;
import io.github.usersession.RenewSessionId;
import io.github.usersession.UserSession;

/** Who is logged in; login renews the session ID and logout ends the session. */
@UserSession
public class Account implements Serializable {

    private static final long serialVersionUID = 1L;

    private volatile String user;

    @RenewSessionId
    public void login(String name) {
        user = name;
    }

    @Logout
    public void logout() {
        user = null;
    }

    @Logout
    public void failingLogout() {
        throw new IllegalStateException("logout fails on purpose");
    }

    public String user() {
        return user;
    }
}
