package io.github.usersession.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URL;
import java.util.List;
import java.util.Map;

import io.github.usersession.it.app.CartResource;
import io.github.usersession.it.app.RestApplication;
import io.github.usersession.it.support.Deployments;
import io.github.usersession.it.support.Http;
import io.github.usersession.it.support.Http.Reply;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The session cap, set to 2 in web.xml: servlets and JAX-RS answer 503, existing sessions go on.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class SessionCapIT {

    @Deployment(testable = false)
    static WebArchive application() {
        return Deployments.servletApp("capped")
                .addClasses(RestApplication.class, CartResource.class)
                .setWebXML(Deployments.webXml(Map.of("usersession.max-sessions", "2")));
    }

    @ArquillianResource
    URL base;

    static void assertRefused(Reply reply) {
        assertEquals(503, reply.status(), reply.body());
        assertEquals("60", reply.retryAfter());
        assertNull(reply.issued(), reply.setCookies().toString());
    }

    @Test
    void fullServerRefusesNewSessionsWith503AndKeepsTheOthers() throws Exception {
        Http http = new Http(base);
        String first = http.get("s/add?item=one").issued();
        String second = http.get("s/add?item=two").issued();
        assertNotNull(first);
        assertNotNull(second);

        assertRefused(http.get("s/add?item=three"));
        assertRefused(http.post("api/cart", "item=three", null));
        assertEquals("exists=false", http.get("s/none").body(), "requests that need no session still work");

        Reply kept = http.get("s/add?item=more", "USERSESSION=" + first);
        assertEquals("items=[one, more]", kept.body());
        assertEquals(List.of(), kept.setCookies());

        http.get("s/logout", "USERSESSION=" + first);
        Reply admitted = http.get("s/add?item=three");
        assertEquals(200, admitted.status());
        assertNotNull(admitted.issued(), "the slot freed by logout is usable at once");
        assertEquals("items=[two]", http.get("s/items", "USERSESSION=" + second).body());
    }
}
