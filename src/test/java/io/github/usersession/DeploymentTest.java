package io.github.usersession;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.usersession.beans.Cart;
import io.github.usersession.beans.Pricing;
import io.github.usersession.beans.Recorder;
import io.github.usersession.beans.SessionEventLog;
import io.github.usersession.internal.UserSessionExtension;
import jakarta.enterprise.inject.spi.DeploymentException;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * What happens when the container starts and stops.
 */
class DeploymentTest {

    static Weld weld() {
        return new Weld().disableDiscovery().addExtension(new UserSessionExtension())
                .addBeanClasses(Cart.class, Pricing.class, SessionEventLog.class);
    }

    @Test
    void badConfigurationFailsTheDeploymentNamingKeyAndValue() {
        System.setProperty("usersession.idle-timeout", "banana");
        try {
            DeploymentException failure = assertThrows(DeploymentException.class, () -> weld().initialize());
            assertTrue(failure.getMessage().contains(
                    "usersession.idle-timeout: 'banana' is not an ISO-8601 duration such as PT30M"),
                    failure.getMessage());
        } finally {
            System.clearProperty("usersession.idle-timeout");
        }
    }

    @Test
    void shutdownDestroysEveryLiveSession() {
        Recorder.clear();
        try (WeldContainer container = weld().initialize()) {
            UserSessions sessions = container.select(UserSessions.class).get();
            Cart cart = container.select(Cart.class).get();
            for (int i = 0; i < 3; i++) {
                sessions.runIn(sessions.create(), () -> cart.add("tea"));
            }
            assertEquals(3, sessions.count());
        }
        assertEquals(3, Recorder.count("Cart destroyed"));
        assertEquals(3, Recorder.count("Pricing destroyed"));
    }
}
