package io.github.usersession.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;

import io.github.usersession.internal.UserSessionConfig.SameSite;
import io.github.usersession.internal.UserSessionConfig.Secure;
import org.junit.jupiter.api.Test;

class UserSessionConfigTest {

    static UserSessionConfig from(Map<String, String> values) {
        return UserSessionConfig.from(values::get);
    }

    static String failure(String key, String value) {
        return assertThrows(IllegalArgumentException.class, () -> from(Map.of(key, value))).getMessage();
    }

    @Test
    void defaultsAreSecureAndFinite() {
        UserSessionConfig config = from(Map.of());
        assertEquals("USERSESSION", config.cookieName());
        assertEquals(Secure.AUTO, config.secure());
        assertEquals(SameSite.Lax, config.sameSite());
        assertNull(config.cookiePath());
        assertNull(config.cookieDomain());
        assertEquals(Duration.ofMinutes(30), config.idleTimeout());
        assertEquals(Duration.ofHours(8), config.absoluteTimeout());
        assertEquals(100_000, config.maxSessions());
    }

    @Test
    void everyKeyIsRead() {
        UserSessionConfig config = from(Map.of("usersession.cookie.name", "SID", "usersession.cookie.secure", "true",
                "usersession.cookie.same-site", "strict", "usersession.cookie.path", "/app",
                "usersession.cookie.domain", "example.com", "usersession.idle-timeout", "PT5M",
                "usersession.absolute-timeout", "PT1H", "usersession.max-sessions", "42",
                "usersession.store", "hazelcast"));
        assertEquals(new UserSessionConfig("SID", Secure.TRUE, SameSite.Strict, "/app", "example.com",
                Duration.ofMinutes(5), Duration.ofHours(1), 42, "hazelcast", UserSessionConfig.NO_LIMIT, true, true,
                null, true), config);
    }

    @Test
    void badValuesNameTheKeyAndTheValue() {
        assertEquals("usersession.idle-timeout: 'banana' is not an ISO-8601 duration such as PT30M",
                failure("usersession.idle-timeout", "banana"));
        assertEquals("usersession.store: 'redis please' is not memory, hazelcast or the class name of a SessionStore",
                failure("usersession.store", "redis please"));
        assertEquals("usersession.absolute-timeout: 'PT0S' is not a positive duration such as PT30M",
                failure("usersession.absolute-timeout", "PT0S"));
        assertEquals("usersession.max-sessions: 'lots' is not a whole number from 1 to 2147483647",
                failure("usersession.max-sessions", "lots"));
        assertEquals("usersession.max-sessions: '0' is not a whole number from 1 to 2147483647",
                failure("usersession.max-sessions", "0"));
        assertEquals("usersession.cookie.secure: 'maybe' is not auto, true or false",
                failure("usersession.cookie.secure", "maybe"));
        assertEquals("usersession.cookie.same-site: 'Sometimes' is not Lax, Strict or None",
                failure("usersession.cookie.same-site", "Sometimes"));
        assertEquals("usersession.cookie.name: 'my cookie' is not a cookie name (letters, digits and"
                + " !#$%&'*+.^_`|~-)", failure("usersession.cookie.name", "my cookie"));
        assertEquals("usersession.cookie.path: 'app; Domain=evil' is not a cookie path such as /shop",
                failure("usersession.cookie.path", "app; Domain=evil"));
        assertEquals("usersession.cookie.domain: 'evil.com; Secure' is not a domain name such as example.com",
                failure("usersession.cookie.domain", "evil.com; Secure"));
    }

    @Test
    void ownershipAndTransportKeysAreRead() {
        UserSessionConfig config = from(Map.of("usersession.max-sessions-per-principal", "2",
                "usersession.renew-on-login", "FALSE", "usersession.end-on-logout", "false",
                "usersession.header.name", "X-Session", "usersession.cookie.enabled", "false"));
        assertEquals(2, config.maxSessionsPerPrincipal());
        assertEquals(false, config.renewOnLogin());
        assertEquals(false, config.endOnLogout());
        assertEquals("X-Session", config.headerName());
        assertEquals(false, config.cookieEnabled());
        assertEquals(false, from(Map.of()).limitsSessionsPerPrincipal());
    }

    @Test
    void badOwnershipAndTransportValuesNameTheKeyAndTheValue() {
        assertEquals("usersession.max-sessions-per-principal: 'x' is not a whole number from 1 to 2147483647",
                failure("usersession.max-sessions-per-principal", "x"));
        assertEquals("usersession.max-sessions-per-principal: '0' is not a whole number from 1 to 2147483647",
                failure("usersession.max-sessions-per-principal", "0"));
        assertEquals("usersession.renew-on-login: 'yes' is not true or false",
                failure("usersession.renew-on-login", "yes"));
        assertEquals("usersession.end-on-logout: '1' is not true or false", failure("usersession.end-on-logout", "1"));
        assertEquals("usersession.header.name: 'X Session' is not an HTTP header name such as X-User-Session (not"
                + " Cookie or Set-Cookie)", failure("usersession.header.name", "X Session"));
        assertEquals("usersession.header.name: 'cookie' is not an HTTP header name such as X-User-Session (not"
                + " Cookie or Set-Cookie)", failure("usersession.header.name", "cookie"));
        assertEquals("usersession.cookie.enabled: 'false' needs usersession.header.name, or no client could name"
                + " its session", failure("usersession.cookie.enabled", "false"));
    }

    @Test
    void systemPropertiesOverrideContextParameters() {
        System.setProperty("usersession.idle-timeout", "PT7M");
        try {
            UserSessionConfig config = UserSessionConfig.load(Map.of("usersession.idle-timeout", "PT9M",
                    "usersession.absolute-timeout", "PT2H")::get);
            assertEquals(Duration.ofMinutes(7), config.idleTimeout());
            assertEquals(Duration.ofHours(2), config.absoluteTimeout());
        } finally {
            System.clearProperty("usersession.idle-timeout");
        }
    }

    @Test
    void sourcesAreAskedInOrderOfPrecedence() {
        UserSessionConfig config = UserSessionConfig.from(UserSessionConfig.firstOf(
                Map.of("usersession.max-sessions", "1")::get,
                Map.of("usersession.max-sessions", "2", "usersession.cookie.name", "ENV")::get,
                Map.of("usersession.max-sessions", "3", "usersession.cookie.name", "MP",
                        "usersession.idle-timeout", "PT3M")::get,
                Map.of("usersession.max-sessions", "4", "usersession.cookie.name", "WEB",
                        "usersession.idle-timeout", "PT4M", "usersession.absolute-timeout", "PT4H")::get));
        assertEquals(1, config.maxSessions());
        assertEquals("ENV", config.cookieName());
        assertEquals(Duration.ofMinutes(3), config.idleTimeout());
        assertEquals(Duration.ofHours(4), config.absoluteTimeout());
    }

    @Test
    void environmentNamesAreUpperCaseWithUnderscores() {
        assertEquals("USERSESSION_IDLE_TIMEOUT", UserSessionConfig.environmentName("usersession.idle-timeout"));
        assertEquals("USERSESSION_COOKIE_SAME_SITE", UserSessionConfig.environmentName("usersession.cookie.same-site"));
    }
}
