package io.github.usersession.bench.http;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;

/** {@code GET /us}: a @UserSession bean. */
@WebServlet("/us")
public class UserSessionServlet extends HitsServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient UserSessionHits hits;

    @Override
    long hit() {
        return hits.hit();
    }
}
