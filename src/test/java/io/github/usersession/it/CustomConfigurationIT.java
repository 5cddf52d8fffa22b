package io.github.usersession.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.Map;

import io.github.usersession.it.support.Deployments;
import io.github.usersession.it.support.Http;
import io.github.usersession.it.support.Http.Reply;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cookie settings from web.xml and from MicroProfile Config, which takes precedence, in an application whose
 * beans.xml discovers all classes.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class CustomConfigurationIT {

    @Deployment(testable = false)
    static WebArchive application() {
        return Deployments.servletApp("custom")
                .setWebXML(Deployments.webXml(Map.of("usersession.cookie.name", "WEBXMLSESSION",
                        "usersession.cookie.path", "/", "usersession.cookie.same-site", "Strict")))
                .addAsResource(new StringAsset("usersession.cookie.name=MPSESSION\n"
                        + "usersession.cookie.secure=true\n"), "META-INF/microprofile-config.properties")
                .addAsWebInfResource(new StringAsset("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\""
                        + " version=\"4.0\" bean-discovery-mode=\"all\"/>"), "beans.xml");
    }

    @ArquillianResource
    URL base;

    @Test
    void cookieFollowsWebXmlAndMicroProfileConfig() throws Exception {
        Http http = new Http(base);
        Reply first = http.get("s/add?item=tea");
        List<String> cookies = first.setCookies();
        assertEquals(1, cookies.size(), cookies.toString());
        assertTrue(cookies.get(0).matches("MPSESSION=[A-Za-z0-9_-]{43}; Path=/; Secure; HttpOnly; SameSite=Strict"),
                cookies.get(0));
        String id = first.issued("MPSESSION");
        assertNotNull(id);
        assertEquals("items=[tea]", http.get("s/items", "MPSESSION=" + id).body());
        assertEquals("items=[]", http.get("s/items", "USERSESSION=" + id + "; WEBXMLSESSION=" + id).body(),
                "only the configured name carries the session");
    }
}
