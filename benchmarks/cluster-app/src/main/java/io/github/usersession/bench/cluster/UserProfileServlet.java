package io.github.usersession.bench.cluster;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;

/** {@code /us/read} and {@code /us/write}: the {@code @UserSession} bean. */
@WebServlet({"/us/read", "/us/write"})
public class UserProfileServlet extends ProfileServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient UserProfile profile;

    @Override
    String read() {
        return profile.read();
    }

    @Override
    String change() {
        return profile.change();
    }
}
