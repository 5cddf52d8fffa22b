package io.github.usersession.beans;

import io.github.usersession.Logout;
import io.github.usersession.RenewSessionId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Login and logout through the library's interceptor bindings. */
@ApplicationScoped
public class LoginService {

    @Inject
    Account account;

    @RenewSessionId
    public void login(String user) {
        account.signIn(user);
    }

    @RenewSessionId
    public void failingLogin(String user) {
        throw new IllegalArgumentException("wrong password for " + user);
    }

    @Logout
    public void logout() {
        Recorder.record("logout called");
    }

    @Logout
    public void failingLogout() {
        throw new IllegalStateException("logout failed on purpose");
    }
}
