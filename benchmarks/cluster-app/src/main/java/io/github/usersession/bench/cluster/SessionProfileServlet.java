package io.github.usersession.bench.cluster;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;

/** {@code /ss/read} and {@code /ss/write}: the {@code @SessionScoped} bean. */
@WebServlet({"/ss/read", "/ss/write"})
public class SessionProfileServlet extends ProfileServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient SessionProfile profile;

    @Override
    String read() {
        return profile.read();
    }

    @Override
    String change() {
        return profile.change();
    }
}
