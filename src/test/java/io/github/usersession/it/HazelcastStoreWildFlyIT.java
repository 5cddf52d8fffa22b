package io.github.usersession.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.List;
import java.util.Map;

import com.hazelcast.core.Hazelcast;
import io.github.usersession.it.app.store.Basket;
import io.github.usersession.it.app.store.BasketServlet;
import io.github.usersession.it.support.Deployments;
import io.github.usersession.it.support.Http;
import io.github.usersession.it.support.Http.Reply;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Hazelcast store on WildFly, which has no Hazelcast: the README's recipe (the application bundles
 * com.hazelcast:hazelcast, a hazelcast.xml and the jdk.unsupported module). Two applications that share one map stand
 * for two servers: each starts its own member, the two form a cluster, and requests alternate between them. Their
 * session bean holds plain state only: Weld resolves an injected proxy in serialized state by the deployment's name,
 * which two servers share but two applications on one server do not.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class HazelcastStoreWildFlyIT {

    @Deployment(name = "a", testable = false)
    static WebArchive nodeA() {
        return node("node-a");
    }

    @Deployment(name = "b", testable = false)
    static WebArchive nodeB() {
        return node("node-b");
    }

    static WebArchive node(String name) {
        return Deployments.war(name).addClasses(Basket.class, BasketServlet.class)
                .addAsLibrary(hazelcastJar())
                .addAsResource("it/hazelcast-wildfly.xml", "hazelcast.xml")
                .addAsWebInfResource("it/jboss-deployment-structure.xml", "jboss-deployment-structure.xml")
                .setWebXML(Deployments.webXml(Map.of("usersession.store", "hazelcast",
                        "usersession.hazelcast.map", "usersession-wildfly-it")));
    }

    /** The Hazelcast jar the tests compile against: the one the recipe tells users to bundle. */
    static File hazelcastJar() {
        try {
            return new File(Hazelcast.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ArquillianResource
    @OperateOnDeployment("a")
    URL a;

    @ArquillianResource
    @OperateOnDeployment("b")
    URL b;

    private static final String VERSION = "USERSESSION-VERSION";

    static String cookie(String id) {
        return "USERSESSION=" + id;
    }

    @Test
    void eitherApplicationServesTheSessionWithWhatTheOtherChanged() throws Exception {
        Reply first = new Http(a).get("h/add?item=tea");
        String id = first.issued();
        assertNotNull(id, first.setCookies().toString());
        assertEquals("items=[tea, milk] live=true", new Http(b).get("h/add?item=milk", cookie(id)).body());
        assertEquals("items=[tea, milk, jam] live=true", new Http(a).get("h/add?item=jam", cookie(id)).body());
        assertEquals("items=[tea, milk, jam] live=true", new Http(b).get("h/items", cookie(id)).body());
        assertEquals(List.of(), new Http(b).get("h/items", cookie(id)).sessionCookies(),
                "the same session, no new one");
    }

    @Test
    void renewalAndEndOnOneAreSeenByTheOther() throws Exception {
        String old = new Http(a).get("h/add?item=tea").issued();
        Reply renewal = new Http(b).get("h/renew", cookie(old));
        String renewed = renewal.issued();
        assertNotNull(renewed, renewal.setCookies().toString());
        assertNotEquals(old, renewed);
        assertRefused(new Http(a).get("h/items", cookie(old)), old);
        assertEquals("items=[tea] live=true", new Http(a).get("h/items", cookie(renewed)).body());
        new Http(a).get("h/end", cookie(renewed));
        assertRefused(new Http(b).get("h/items", cookie(renewed)), renewed);
    }

    /**
     * The version cookie on WildFly: each change tells the browser a newer version, a copy of the version shown serves
     * the other application's change, and after a logout on one the old ID is refused on the other even with the
     * version its copy has (both cookies replayed).
     */
    @Test
    void theVersionCookieKeepsUpAndALogoutRefusesTheOldIdWithIt() throws Exception {
        Reply first = new Http(a).get("h/add?item=tea");
        String id = first.issued();
        String version = first.issued(VERSION);
        assertNotNull(version, first.setCookies().toString());
        Reply onB = new Http(b).get("h/add?item=milk", cookies(id, version));
        String newer = onB.issued(VERSION);
        assertNotNull(newer, onB.setCookies().toString());
        assertNotEquals(version, newer);
        assertEquals("items=[tea, milk] live=true", new Http(a).get("h/items", cookies(id, newer)).body());
        new Http(b).get("h/end", cookies(id, newer));
        assertRefused(new Http(a).get("h/items", cookies(id, newer)), id);
    }

    static String cookies(String id, String version) {
        return cookie(id) + "; " + VERSION + "=" + version;
    }

    /** A refused ID gets an empty basket in a new session, under a new ID. */
    static void assertRefused(Reply reply, String id) {
        assertEquals("items=[] live=true", reply.body());
        assertNotNull(reply.issued(), reply.setCookies().toString());
        assertNotEquals(id, reply.issued());
    }
}
