package io.github.usersession.internal;

import java.lang.reflect.Method;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The validated settings of the scope, read from system properties, environment variables, MicroProfile Config and
 * web.xml context parameters, in that order of precedence.
 */
public record UserSessionConfig(
        String cookieName,
        Secure secure,
        SameSite sameSite,
        String cookiePath,
        String cookieDomain,
        Duration idleTimeout,
        Duration absoluteTimeout,
        int maxSessions,
        String store,
        int maxSessionsPerPrincipal,
        boolean renewOnLogin,
        boolean endOnLogout,
        String headerName,
        boolean cookieEnabled) {

    public static final String COOKIE_NAME = "usersession.cookie.name";
    public static final String COOKIE_SECURE = "usersession.cookie.secure";
    public static final String COOKIE_SAME_SITE = "usersession.cookie.same-site";
    public static final String COOKIE_PATH = "usersession.cookie.path";
    public static final String COOKIE_DOMAIN = "usersession.cookie.domain";
    public static final String IDLE_TIMEOUT = "usersession.idle-timeout";
    public static final String ABSOLUTE_TIMEOUT = "usersession.absolute-timeout";
    public static final String MAX_SESSIONS = "usersession.max-sessions";
    public static final String MAX_SESSIONS_PER_PRINCIPAL = "usersession.max-sessions-per-principal";
    public static final String RENEW_ON_LOGIN = "usersession.renew-on-login";
    public static final String END_ON_LOGOUT = "usersession.end-on-logout";
    public static final String HEADER_NAME = "usersession.header.name";
    public static final String COOKIE_ENABLED = "usersession.cookie.enabled";

    /** {@link #maxSessionsPerPrincipal()} when no limit is set. */
    public static final int NO_LIMIT = 0;
    public static final String STORE = "usersession.store";

    /** The default store: this server's heap, with no serialization at all. */
    public static final String MEMORY = "memory";
    /** The store on Hazelcast: Payara's embedded instance, or one the application bundles. */
    public static final String HAZELCAST = "hazelcast";

    /** When the cookie gets the Secure attribute. */
    public enum Secure { AUTO, TRUE, FALSE }

    /** The cookie's SameSite attribute, spelled as browsers expect it. */
    public enum SameSite { Lax, Strict, None }

    private static final Logger LOG = Logger.getLogger(UserSessionConfig.class.getName());

    /** Longer timeouts would overflow the millisecond deadlines. */
    private static final Duration LONGEST = Duration.ofDays(3650);

    /** RFC 6265 cookie-name: an RFC 7230 token. */
    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";

    /** Path and domain end up verbatim in Set-Cookie, so they may not contain separators or controls. */
    private static final String ATTRIBUTE_VALUE = "[\\x21-\\x3A\\x3C-\\x7E]+";

    /** The settings from every source but web.xml. */
    public static UserSessionConfig load() {
        return load(key -> null);
    }

    /**
     * The settings from every source, with {@code contextParams} (web.xml) as the last one.
     *
     * @throws IllegalArgumentException naming the key and the value when a value is invalid
     */
    public static UserSessionConfig load(UnaryOperator<String> contextParams) {
        return from(sources(contextParams));
    }

    /** Every configuration source in order of precedence, with {@code contextParams} (web.xml) as the last one. */
    public static UnaryOperator<String> sources(UnaryOperator<String> contextParams) {
        return firstOf(System::getProperty, key -> System.getenv(environmentName(key)), microProfileConfig(),
                contextParams);
    }

    /**
     * The settings from one lookup function.
     *
     * @throws IllegalArgumentException naming the key and the value when a value is invalid
     */
    public static UserSessionConfig from(UnaryOperator<String> source) {
        String name = text(source, COOKIE_NAME, "USERSESSION");
        if (!name.matches(TOKEN)) {
            throw invalid(COOKIE_NAME, name, "a cookie name (letters, digits and !#$%&'*+.^_`|~-)");
        }
        Secure secure = choice(source, COOKIE_SECURE, Secure.AUTO, Secure.class, "auto, true or false");
        SameSite sameSite = choice(source, COOKIE_SAME_SITE, SameSite.Lax, SameSite.class, "Lax, Strict or None");
        String path = text(source, COOKIE_PATH, null);
        if (path != null && (!path.startsWith("/") || !path.matches(ATTRIBUTE_VALUE))) {
            throw invalid(COOKIE_PATH, path, "a cookie path such as /shop");
        }
        String domain = text(source, COOKIE_DOMAIN, null);
        if (domain != null && !domain.matches("\\.?[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
            throw invalid(COOKIE_DOMAIN, domain, "a domain name such as example.com");
        }
        Duration idle = duration(source, IDLE_TIMEOUT, Duration.ofMinutes(30));
        Duration absolute = duration(source, ABSOLUTE_TIMEOUT, Duration.ofHours(8));
        int max = positiveInt(source, MAX_SESSIONS, 100_000);
        String store = text(source, STORE, MEMORY);
        if (!store.equals(MEMORY) && !store.equals(HAZELCAST)
                && !store.matches("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)+")) {
            throw invalid(STORE, store, "memory, hazelcast or the class name of a SessionStore");
        }
        int perPrincipal = positiveInt(source, MAX_SESSIONS_PER_PRINCIPAL, NO_LIMIT);
        boolean renewOnLogin = bool(source, RENEW_ON_LOGIN, true);
        boolean endOnLogout = bool(source, END_ON_LOGOUT, true);
        String header = text(source, HEADER_NAME, null);
        // Cookie and Set-Cookie would make the header and the cookie one; the name is sent verbatim in responses.
        if (header != null && (!header.matches(TOKEN) || header.equalsIgnoreCase("Cookie")
                || header.equalsIgnoreCase("Set-Cookie"))) {
            throw invalid(HEADER_NAME, header, "an HTTP header name such as X-User-Session (not Cookie or Set-Cookie)");
        }
        boolean cookieEnabled = bool(source, COOKIE_ENABLED, true);
        if (!cookieEnabled && header == null) {
            throw new IllegalArgumentException(COOKIE_ENABLED + ": 'false' needs " + HEADER_NAME
                    + ", or no client could name its session");
        }
        return new UserSessionConfig(name, secure, sameSite, path, domain, idle, absolute, max, store, perPrincipal,
                renewOnLogin, endOnLogout, header, cookieEnabled);
    }

    /** Whether sessions of one principal are limited in number. */
    public boolean limitsSessionsPerPrincipal() {
        return maxSessionsPerPrincipal != NO_LIMIT;
    }

    /** {@code usersession.idle-timeout} becomes {@code USERSESSION_IDLE_TIMEOUT}. */
    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** One source that asks the given ones in order and answers with the first value found. */
    @SafeVarargs
    static UnaryOperator<String> firstOf(UnaryOperator<String>... sources) {
        return key -> {
            for (UnaryOperator<String> source : sources) {
                String value = source.apply(key);
                if (value != null) {
                    return value;
                }
            }
            return null;
        };
    }

    private static String text(UnaryOperator<String> source, String key, String fallback) {
        String value = source.apply(key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static <E extends Enum<E>> E choice(UnaryOperator<String> source, String key, E fallback,
            Class<E> type, String expected) {
        String value = text(source, key, null);
        if (value == null) {
            return fallback;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        throw invalid(key, value, expected);
    }

    private static Duration duration(UnaryOperator<String> source, String key, Duration fallback) {
        String value = text(source, key, null);
        if (value == null) {
            return fallback;
        }
        Duration duration;
        try {
            duration = Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(key, value, "an ISO-8601 duration such as PT30M");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw invalid(key, value, "a positive duration such as PT30M");
        }
        if (duration.compareTo(LONGEST) > 0) {
            throw invalid(key, value, "a duration of at most P3650D");
        }
        return duration;
    }

    private static int positiveInt(UnaryOperator<String> source, String key, int fallback) {
        String value = text(source, key, null);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below, with the value
        }
        throw invalid(key, value, "a whole number from 1 to " + Integer.MAX_VALUE);
    }

    private static boolean bool(UnaryOperator<String> source, String key, boolean fallback) {
        String value = text(source, key, null);
        if (value == null) {
            return fallback;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw invalid(key, value, "true or false");
    }

    private static IllegalArgumentException invalid(String key, String value, String expected) {
        return new IllegalArgumentException(key + ": '" + value + "' is not " + expected);
    }

    /** MicroProfile Config is looked up reflectively: servers that lack it must still deploy us. */
    private static UnaryOperator<String> microProfileConfig() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            Class<?> provider = Class.forName("org.eclipse.microprofile.config.ConfigProvider", true, loader);
            Class<?> configType = Class.forName("org.eclipse.microprofile.config.Config", true, loader);
            Object config = provider.getMethod("getConfig", ClassLoader.class).invoke(null, loader);
            Method lookup = configType.getMethod("getOptionalValue", String.class, Class.class);
            return key -> {
                try {
                    return ((Optional<?>) lookup.invoke(config, key, String.class)).map(String::valueOf).orElse(null);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    LOG.log(Level.FINE, "MicroProfile Config could not read " + key, e);
                    return null;
                }
            };
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, "MicroProfile Config is not available; it is skipped", e);
            return key -> null;
        }
    }
}
