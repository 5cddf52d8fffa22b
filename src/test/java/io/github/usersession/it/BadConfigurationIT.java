package io.github.usersession.it;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import io.github.usersession.it.app.ItemCart;
import io.github.usersession.it.app.Lifecycle;
import io.github.usersession.it.support.Deployments;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A bad configuration value fails the deployment, with a message that names the key and the value.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class BadConfigurationIT {

    @Deployment(name = "bad", managed = false, testable = false)
    static WebArchive application() {
        return Deployments.war("bad").addClasses(ItemCart.class, Lifecycle.class)
                .setWebXML(Deployments.webXml(Map.of("usersession.idle-timeout", "banana")));
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void badValueFailsTheDeploymentNamingKeyAndValue() {
        try {
            Exception failure = assertThrows(Exception.class, () -> deployer.deploy("bad"));
            StringBuilder messages = new StringBuilder();
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                messages.append(cause.getMessage()).append('\n');
            }
            assertTrue(messages.toString().contains(
                    "usersession.idle-timeout: 'banana' is not an ISO-8601 duration such as PT30M"), messages::toString);
        } finally {
            deployer.undeploy("bad");
        }
    }
}
