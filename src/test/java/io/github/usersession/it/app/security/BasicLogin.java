package io.github.usersession.it.app.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;

/** HTTP Basic through Jakarta Security: a request with credentials carries its user, one without is anonymous. */
@ApplicationScoped
@BasicAuthenticationMechanismDefinition(realmName = "usersession-it")
public class BasicLogin {
}
