package io.github.usersession.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URL;
import java.util.List;

import io.github.usersession.it.app.security.LoginServlet;
import io.github.usersession.it.app.security.ParameterLogin;
import io.github.usersession.it.app.security.RejectionCounter;
import io.github.usersession.it.app.security.SecurityServlet;
import io.github.usersession.it.app.security.TestUsers;
import io.github.usersession.it.support.Deployments;
import io.github.usersession.it.support.Http;
import io.github.usersession.it.support.Http.Reply;
import io.github.usersession.it.support.Servers;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A user who appears in the middle of a request ({@code SecurityContext.authenticate} with a credential, as a login
 * form's action does): the session is bound to them and renewed before the response commits, or not at all.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class ProgrammaticLoginIT {

    @Deployment(testable = false)
    static WebArchive application() {
        return Deployments.servletApp("login").addClasses(ParameterLogin.class, TestUsers.class,
                RejectionCounter.class, SecurityServlet.class, LoginServlet.class);
    }

    @ArquillianResource
    URL base;

    Http http;

    @BeforeEach
    void client() throws Exception {
        http = new Http(base);
        http.get("sec/end-all?user=alice");
    }

    String anonymousSession() throws Exception {
        String id = http.get("sec/add?item=tea").issued();
        assertNotNull(id);
        return id;
    }

    @Test
    void loginInTheMiddleOfARequestRenewsTheIdBeforeTheResponseCommits() throws Exception {
        String anonymous = anonymousSession();
        Reply login = http.get("login/now?user=alice&password=secret-alice", "USERSESSION=" + anonymous);
        assertEquals("status=SUCCESS user=alice owner=alice items=tea", login.body());
        String renewed = login.issued();
        assertNotNull(renewed, login.setCookies().toString());
        assertNotEquals(anonymous, renewed);
        assertEquals("exists=false", http.get("sec/exists", "USERSESSION=" + anonymous).body());
        Reply later = http.get("sec/whoami", "USERSESSION=" + renewed);
        assertEquals("none", later.field("user"), "this mechanism remembers no one");
        assertEquals("alice", later.field("owner"));
        assertEquals("tea", later.field("items"));
        assertEquals(List.of(), later.setCookies());
    }

    @Test
    void loginAfterTheResponseCommittedLeavesTheSessionAsItWas() throws Exception {
        String anonymous = anonymousSession();
        Reply login = http.get("login/late?user=alice&password=secret-alice", "USERSESSION=" + anonymous);
        if (Servers.authenticatesAfterCommit()) {
            assertEquals("status=SUCCESS user=alice owner=none items=tea", login.body(),
                    "the new ID could not reach the client, so the session is not the user's");
        }
        assertEquals(List.of(), login.setCookies());
        assertEquals("none", http.get("sec/whoami", "USERSESSION=" + anonymous).field("owner"));
        assertEquals("sessions=0", http.get("sec/find?user=alice").body());
    }
}
