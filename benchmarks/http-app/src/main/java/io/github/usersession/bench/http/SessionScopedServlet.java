package io.github.usersession.bench.http;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;

/** {@code GET /ss}: a @SessionScoped bean (HttpSession). */
@WebServlet("/ss")
public class SessionScopedServlet extends HitsServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient SessionHits hits;

    @Override
    long hit() {
        return hits.hit();
    }
}
