package io.github.usersession.it.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** JAX-RS under /api. */
@ApplicationPath("api")
public class RestApplication extends Application {
}
