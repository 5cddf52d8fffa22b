package io.github.usersession.it.support;

/**
 * Everything in which the servers under test differ, in one place; the library itself has no server-specific code.
 * <ul>
 * <li>Payara Micro: every fact the suite checks holds as written. A 10 KB cookie is refused by the server itself
 * with 400 (its header size limit), which the suite accepts as "not a 5xx".</li>
 * <li>WildFly (Undertow): a Cookie header holding a control character or a byte above 0x7E is refused with 500 by
 * Weld's own request listener (it asks for the HttpSession, and Undertow's cookie parser throws UT000173) before any
 * filter of the application runs, with or without this library. So on WildFly the "odd bytes" the suite sends are
 * the HTTP separators only.</li>
 * <li>The default {@code ContextService} ({@code java:comp/DefaultContextService}): Payara Micro's propagates only
 * the contexts the specification requires, so its contextual proxies run without the user session; WildFly's
 * propagates every context type, the user session included.</li>
 * <li>MicroProfile Metrics: Payara Micro has it, so the session figures appear at {@code /metrics?scope=application}
 * as well as over JMX; WildFly's default configuration has none, and the figures are on JMX only.</li>
 * <li>Jakarta Security with the application's own IdentityStore: WildFly needs {@code integrated-jaspi="false"} on
 * Undertow's application security domain {@code other}, which the wildfly profile sets with the server's own CLI
 * ({@code src/test/wildfly/jakarta-security.cli}); Payara needs nothing.</li>
 * <li>A login once the response is committed: Payara authenticates the user (the library then leaves the session as
 * it was, since a new ID could no longer reach the client); WildFly's {@code HttpServletRequest.authenticate} refuses
 * with UT010019 "Response already commited", so the login itself fails there.</li>
 * </ul>
 */
public final class Servers {

    private Servers() {
    }

    /** The server the suite runs on: the qualifier in arquillian.xml that the Maven profile chose. */
    public static String current() {
        return System.getProperty("arquillian.launch", "payara-micro");
    }

    /** Whether the default ContextService carries the user session to its contextual proxies. */
    public static boolean defaultContextServiceCarriesUserSession() {
        return current().equals("wildfly");
    }

    /** Whether the server publishes MicroProfile Metrics. */
    public static boolean hasMicroProfileMetrics() {
        return current().equals("payara-micro");
    }

    /** Whether {@code HttpServletRequest.authenticate} still works once the response is committed. */
    public static boolean authenticatesAfterCommit() {
        return current().equals("payara-micro");
    }

    /** Odd bytes for a cookie value that the server lets reach the application. */
    public static byte[] oddCookieBytes() {
        return current().equals("wildfly")
                ? "\"(),/:<=>?@[\\]{}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)
                : new byte[] {0x01, (byte) 0xff, (byte) 0xfe, 0x7f, ',', '\\', '"'};
    }
}
