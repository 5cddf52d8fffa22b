package io.github.usersession.beans;

import java.io.IOException;

import io.github.usersession.Logout;
import io.github.usersession.RenewSessionId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;

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

    /** The most common login: Post/Redirect/Get, with the redirect sent inside the method. */
    @RenewSessionId
    public void loginAndRedirect(String user, HttpServletResponse response) throws IOException {
        account.signIn(user);
        response.sendRedirect("home");
    }

    @Logout
    public void logoutAndRedirect(HttpServletResponse response) throws IOException {
        response.sendRedirect("bye");
    }

    /** Begins the body with a line separator alone, which a PrintWriter writes past its write methods. */
    @Logout
    public void logoutAndPrintLine(HttpServletResponse response) throws IOException {
        response.getWriter().println();
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
