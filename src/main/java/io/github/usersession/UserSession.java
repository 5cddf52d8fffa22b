package io.github.usersession;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.context.NormalScope;

/**
 * A bean of this scope lives as long as one user's web session: the session named by the {@code USERSESSION}
 * cookie, which this library issues and checks itself, independently of the servlet {@code HttpSession}.
 *
 * <h2>Usage</h2>
 * Put {@code usersession-cdi.jar} in {@code WEB-INF/lib}; nothing else is needed (no web.xml, no beans.xml). Then:
 * <pre>{@code
 * @UserSession
 * public class Cart implements Serializable {
 *     private final List<String> items = new ArrayList<>();
 *     public void add(String item) { items.add(item); }
 *     public List<String> items() { return List.copyOf(items); }
 * }
 *
 * @Path("cart") public class CartResource {
 *     @Inject Cart cart;
 *     @POST public void add(String item) { cart.add(item); }
 * }
 *
 * public class Login {
 *     @Inject Account account;                          // another @UserSession bean
 *     @RenewSessionId public void login(User user) { account.signIn(user); }
 *     @Logout public void logout() { }
 * }
 * }</pre>
 * The scope is a passivating normal scope, like {@code @SessionScoped}: beans must be {@code Serializable}, and are
 * injected through client proxies, so a {@code @UserSession} bean can be injected anywhere.
 *
 * <h2>Lifecycle</h2>
 * <ul>
 * <li><b>Start.</b> Every servlet request (servlets, JAX-RS, JSP, JSF) is bound to its session. A session starts
 * lazily, when a request first uses a {@code @UserSession} bean: only then is the cookie set. Requests that use no
 * such bean create nothing. {@code @Initialized(UserSession.class) UserSessionEvent} is fired.</li>
 * <li><b>Use.</b> Each request with a valid cookie marks its session as used, for the idle timeout.</li>
 * <li><b>Login.</b> When a request carries an authenticated user ({@code HttpServletRequest.getUserPrincipal()})
 * and its session has none, the session becomes that user's ({@link SessionHandle#principal()}) and gets a new ID
 * before the response commits, keeping its beans; the old ID stops working at once. No annotation is needed; the
 * user may appear in the middle of the request. A request of another user ends the session and a new one starts; a
 * request without a user changes nothing. {@link RenewSessionId} (or {@link UserSessions#renewId()}) renews on
 * demand, for example on a re-authentication of the same user.</li>
 * <li><b>Logout.</b> {@link Logout}, {@link UserSessions#end()} or the application's
 * {@code HttpServletRequest.logout()}: after the method returns normally, the ID stops working at once, the
 * response clears the cookie, and the session's beans are destroyed when the request ends (until then the request
 * still sees them). A method that throws leaves the session alone. {@link UserSessions#endAll(String)} ends every
 * session of a user, from any thread.</li>
 * <li><b>Timeouts.</b> A session ends when no request used it for the idle timeout, or when it reaches the absolute
 * timeout however active it is. An expired session is never served; a background thread destroys it within about
 * two seconds of its expiry even with no traffic.</li>
 * <li><b>End.</b> The session stays bound while it is destroyed. {@code @BeforeDestroyed(UserSession.class)} is
 * fired, so its observers can read the session's beans; then every bean's {@code @PreDestroy} runs once, with its
 * dependents, and may use the session's other beans (one destroyed already, or never used, is created again and
 * destroyed too); then {@code @Destroyed(UserSession.class)}. {@link UserSessionEvent#endReason()} says why. A
 * {@code @PreDestroy} that throws is logged and does not stop the others. Undeploying the application ends every
 * session of the memory store.</li>
 * </ul>
 *
 * <h2>Session changes and the response</h2>
 * A new session, a renewed ID and an ended session reach the browser in the {@code Set-Cookie} of the response of
 * the request that made them, once, or do not happen:
 * <ul>
 * <li>A {@link Logout} or {@link RenewSessionId} method that commits the response itself (a redirect, a flushed
 * body) has its change made just before the commit, so that the cookie goes out with it; the change then stands even
 * if the method throws afterwards.</li>
 * <li>A cookie that the server drops (inside an include, or when it resets the headers for an error page) is written
 * again while the response allows it; a session that a request started or renewed and whose cookie the response
 * still lacks at its end ends at once, as {@link SessionEndReason#UNDELIVERED}.</li>
 * <li>After the response has committed, a session cannot start (the first use of a bean throws
 * {@code IllegalStateException}) and {@link UserSessions#renewId()} throws {@code IllegalStateException}; an end
 * still ends the session on the server.</li>
 * <li>A logout sent with an ID that a renewal replaced within the last minute ends the renewed session too.</li>
 * </ul>
 *
 * <h2>Scale-out</h2>
 * With {@code usersession.store=hazelcast} every server of a cluster serves every session: Payara's embedded Hazelcast,
 * or one the application bundles (see the README). A browser carries the version of the record it last saw in a
 * second cookie, {@code <cookie name>-VERSION}: a server whose copy has that version serves from it, any other request
 * reads the record once. When a request is done,
 * and before its response commits, the beans it used are serialized and those whose bytes changed are written. So a
 * bean's state must be {@code Serializable} (a field that is not fails the request with its path), and two requests
 * changing the same bean at once on two servers: the last write wins. Timeouts, logout and renewal are
 * cluster-wide; an expired session is destroyed once in the cluster, from its record. So are a user's sessions:
 * {@link UserSessions#findByPrincipal}, {@link UserSessions#endAll} and {@code usersession.max-sessions-per-principal}
 * see those that any server signed in.
 *
 * <h2>Configuration</h2>
 * Each key is read from a system property, an environment variable ({@code usersession.idle-timeout} as
 * {@code USERSESSION_IDLE_TIMEOUT}), MicroProfile Config if the server has it, and a web.xml
 * {@code <context-param>}, in that order. An invalid value fails the deployment with a message naming the key.
 * <table>
 * <caption>Settings</caption>
 * <tr><th>Key</th><th>Default</th><th>Meaning</th></tr>
 * <tr><td>{@code usersession.cookie.name}</td><td>{@code USERSESSION}</td><td>the cookie's name; with a shared store,
 * the name followed by {@code -VERSION} is the version cookie's</td></tr>
 * <tr><td>{@code usersession.cookie.secure}</td><td>{@code auto}</td><td>{@code auto}: Secure when the request
 * is secure; {@code true}: always (use it behind a TLS-terminating proxy); {@code false}: never</td></tr>
 * <tr><td>{@code usersession.cookie.same-site}</td><td>{@code Lax}</td><td>{@code Lax}, {@code Strict} or
 * {@code None}; {@code None} always adds Secure</td></tr>
 * <tr><td>{@code usersession.cookie.path}</td><td>the context path</td><td>the cookie's Path</td></tr>
 * <tr><td>{@code usersession.cookie.domain}</td><td>none</td><td>the cookie's Domain; without it the cookie goes
 * to the issuing host only</td></tr>
 * <tr><td>{@code usersession.idle-timeout}</td><td>{@code PT30M}</td><td>ISO-8601 duration</td></tr>
 * <tr><td>{@code usersession.absolute-timeout}</td><td>{@code PT8H}</td><td>ISO-8601 duration</td></tr>
 * <tr><td>{@code usersession.max-sessions}</td><td>{@code 100000}</td><td>live sessions at most; beyond it a
 * request that would start one gets {@code 503} with {@code Retry-After}, and existing sessions are untouched</td>
 * </tr>
 * <tr><td>{@code usersession.max-sessions-per-principal}</td><td>no limit</td><td>sessions one user may hold; a
 * sign-in beyond it ends the user's oldest other sessions ({@link SessionEndReason#EVICTED})</td></tr>
 * <tr><td>{@code usersession.renew-on-login}</td><td>{@code true}</td><td>renew the ID when a user signs in on a
 * session</td></tr>
 * <tr><td>{@code usersession.end-on-logout}</td><td>{@code true}</td><td>{@code HttpServletRequest.logout()} ends the
 * session</td></tr>
 * <tr><td>{@code usersession.header.name}</td><td>none</td><td>a request header in which API clients carry the ID;
 * those that send it are answered in it (an ended session as an empty value)</td></tr>
 * <tr><td>{@code usersession.cookie.enabled}</td><td>{@code true}</td><td>{@code false}: no cookie, the header
 * only</td></tr>
 * <tr><td>{@code usersession.store}</td><td>{@code memory}</td><td>{@code memory}, {@code hazelcast}, or the class
 * name of an {@code io.github.usersession.spi.SessionStore}</td></tr>
 * <tr><td>{@code usersession.hazelcast.map}</td><td>{@code usersession} + context path</td><td>the Hazelcast map of
 * the application's sessions</td></tr>
 * <tr><td>{@code usersession.hazelcast.config}</td><td>none</td><td>a Hazelcast configuration file, where no server
 * provides Hazelcast</td></tr>
 * </table>
 *
 * <h2>Security</h2>
 * Session IDs are 256 bits from {@code SecureRandom}, base64url-encoded. The cookie is always HttpOnly, has no
 * Max-Age (it ends with the browser) and its Path is the context path. Strict mode: an ID from a client is used
 * only if it is well formed and names a live session; anything else is ignored, never adopted, and a new ID is
 * issued when a bean needs a session. When several cookies carry the name, the first naming a live session wins.
 * IDs never appear in events or logs: a {@link SessionHandle} shows a random trace ID instead. A request that
 * presents a well-formed ID naming no live session fires {@link SessionIdRejectedEvent}, once, without the ID. Each
 * application's figures are on the MBean {@code io.github.usersession:type=UserSessions,context=<path>}.
 *
 * <h2>Threads</h2>
 * A session is bound to a thread for exactly the work that runs there, and the binding is always undone when that
 * work ends: a pooled thread never keeps a session. Requests of one session may run at once: each bean is created
 * once per session (concurrent first uses get the same instance), but its own state is shared by those requests and
 * by the tasks below, so make it thread-safe as you would a {@code @SessionScoped} bean.
 * <ul>
 * <li><b>Requests.</b> Every servlet request, and every ASYNC or error dispatch of it, is bound to its session. After
 * {@code startAsync()}, the work given to {@code AsyncContext.start} and the {@code AsyncListener} callbacks are bound
 * too; a session they create still reaches the client while the response is not committed.</li>
 * <li><b>Managed executors.</b> The jar provides the Jakarta Concurrency context type {@code "UserSession"}: a task
 * submitted to a {@code ManagedExecutorService} or {@code ManagedScheduledExecutorService}, an
 * {@code @jakarta.enterprise.concurrent.Asynchronous} method, or a contextual proxy of a {@code ContextService} runs
 * bound to the session of the thread that submitted it, or to none. A context service or executor defined with
 * {@code @ContextServiceDefinition} carries it when it propagates {@code "UserSession"} or the remaining contexts
 * (the default). The server's default {@code ContextService} carries it on WildFly but not on Payara, which
 * propagates only the contexts the specification requires: define your own there. A thread of a
 * {@code ManagedThreadFactory} never gets a session (such threads usually serve a pool): wrap its task instead.</li>
 * <li><b>Other threads.</b> For threads no container manages (a plain {@code ExecutorService}, the common pool of
 * {@code CompletableFuture}), wrap the task with {@link UserSessions#contextualRunnable},
 * {@link UserSessions#contextualCallable} or {@link UserSessions#contextualSupplier} where the session is bound.</li>
 * <li><b>WebSocket.</b> An endpoint that names {@link UserSessionConfigurator} runs its {@code @OnOpen},
 * {@code @OnMessage}, {@code @OnClose} and {@code @OnError} methods bound to the session its handshake's cookie named;
 * when that session ends, the connection is closed with code 1008.</li>
 * <li><b>Elsewhere</b> (jobs, tests) no session is bound, and using a bean throws
 * {@code ContextNotActiveException}; bind one with {@link UserSessions#runIn(SessionHandle, Runnable)}.</li>
 * </ul>
 * Work that starts after its session ended finds it ended: using a bean throws {@code ContextNotActiveException}
 * saying so, and nothing starts the session again. Work already running when its session ends (logout, timeout) keeps
 * using the session's beans until it finishes, as a request does; they are then destroyed once. Work off the request
 * thread never starts a session nor renews its ID, since no response could carry the cookie. The context reports
 * itself active everywhere so that the exception can say how to bind; ask {@link UserSessions#isActive()} whether a
 * session is bound.
 */
@Documented
@Inherited
@NormalScope(passivating = true)
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD})
public @interface UserSession {
}
