package io.github.usersession.it.app.security;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

/** The test's identity store: alice, bob and carol, each with the password {@code secret-<name>}. */
@ApplicationScoped
public class TestUsers implements IdentityStore {

    private static final Set<String> USERS = Set.of("alice", "bob", "carol", "dave", "erin");

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (credential instanceof UsernamePasswordCredential login && USERS.contains(login.getCaller())
                && login.compareTo(login.getCaller(), "secret-" + login.getCaller())) {
            return new CredentialValidationResult(login.getCaller(), Set.of("user"));
        }
        return CredentialValidationResult.INVALID_RESULT;
    }
}
