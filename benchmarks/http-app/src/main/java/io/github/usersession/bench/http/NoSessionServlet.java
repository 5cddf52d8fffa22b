package io.github.usersession.bench.http;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;

/** {@code GET /none}: an @ApplicationScoped bean: no session at all. */
@WebServlet("/none")
public class NoSessionServlet extends HitsServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient ApplicationHits hits;

    @Override
    long hit() {
        return hits.hit();
    }
}
