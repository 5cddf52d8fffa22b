package io.github.usersession.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import io.github.usersession.SessionHandle;
import io.github.usersession.UserSessions;
import io.github.usersession.bench.ApplicationCounter;
import io.github.usersession.bench.RequestCounter;
import io.github.usersession.bench.SessionCounter;
import io.github.usersession.bench.UserSessionCounter;
import io.github.usersession.bench.floor.FloorScopes;
import io.github.usersession.bench.floor.NormalFloorCounter;
import io.github.usersession.bench.floor.PassivatingFloorCounter;
import org.jboss.weld.context.bound.BoundLiteral;
import org.jboss.weld.context.bound.BoundRequestContext;
import org.jboss.weld.context.bound.BoundSessionContext;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 5, part 1: a proxied method call on a bean of an existing session, {@code @UserSession} against Weld's own
 * {@code @SessionScoped} with its bound session context, and {@code @RequestScoped} and {@code @ApplicationScoped}
 * for reference. The beans have the same shape and the benchmarks make the same call.
 * <ul>
 * <li>{@code call_*}: the session is bound once per trial, as a servlet request binds it for its whole duration,
 * and Weld's request context is active, as in every servlet request; each operation is one call through the client
 * proxy.</li>
 * <li>{@code callNoRequest_*}: the same without a request context, as in a job: Weld's per-request instance cache is
 * then off, and both session scopes take the same path through Weld.</li>
 * <li>{@code bindCall_*}: each operation binds an existing session, makes the call and unbinds it: the public
 * {@code UserSessions.runIn} against Weld's associate, activate, deactivate, dissociate.</li>
 * <li>{@code newSession_*}: each operation is a whole session: start it, bind it, make the first call (which
 * creates the bean), end it (which destroys the bean), unbind it.</li>
 * <li>{@code call_floorPassivating}, {@code call_floorNormal}: the same call on beans of two scopes whose contexts
 * (in {@link FloorScopes}) only hand out one instance: what Weld itself spends per call on a context that an
 * extension adds, passivating (as {@code @UserSession} is) or not. No implementation of the scope can go below it.</li>
 * </ul>
 * This class is in the library's internal package only to bind a session to the thread for a whole trial, as the
 * servlet filter does for a request; the public API binds for the duration of a task only.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ScopeBenchmark {

    /** One Weld SE container per fork, with the library's extension added by hand (discovery is off). */
    @State(Scope.Benchmark)
    public static class Container {
        WeldContainer weld;
        UserSessionExtension extension;
        UserSessions sessions;
        BoundSessionContext sessionContext;
        BoundRequestContext requestContext;
        UserSessionCounter userSession;
        SessionCounter sessionScoped;
        RequestCounter requestScoped;
        ApplicationCounter applicationScoped;
        PassivatingFloorCounter passivatingFloor;
        NormalFloorCounter normalFloor;

        @Setup
        public void start() {
            extension = new UserSessionExtension();
            weld = new Weld()
                    .disableDiscovery()
                    .addExtension(extension)
                    .addExtension(new FloorScopes())
                    .addBeanClasses(UserSessionCounter.class, SessionCounter.class, RequestCounter.class,
                            ApplicationCounter.class, PassivatingFloorCounter.class, NormalFloorCounter.class)
                    .initialize();
            sessions = weld.select(UserSessions.class).get();
            sessionContext = weld.select(BoundSessionContext.class, BoundLiteral.INSTANCE).get();
            requestContext = weld.select(BoundRequestContext.class, BoundLiteral.INSTANCE).get();
            userSession = weld.select(UserSessionCounter.class).get();
            sessionScoped = weld.select(SessionCounter.class).get();
            requestScoped = weld.select(RequestCounter.class).get();
            applicationScoped = weld.select(ApplicationCounter.class).get();
            passivatingFloor = weld.select(PassivatingFloorCounter.class).get();
            normalFloor = weld.select(NormalFloorCounter.class).get();
        }

        @TearDown
        public void stop() {
            weld.shutdown();
        }
    }

    /**
     * An existing session of each kind bound to the benchmark thread for the whole trial, with Weld's request context
     * active as in every servlet request (then Weld serves @SessionScoped and @RequestScoped instances from its
     * per-request cache after their first lookup) or not, as in a job bound with runIn.
     */
    public abstract static class Sessions {
        final Map<String, Object> sessionStorage = new HashMap<>();
        final Map<String, Object> requestStorage = new HashMap<>();
        Binding binding;

        void bind(Container container, boolean request) {
            // A new session, counted in for this binding as UserSessions.create() does, but left bound.
            SessionRegistry registry = container.extension.registry();
            StoredSession session = registry.create();
            binding = Binding.forEntered(registry, session);
            binding.bind();
            registry.announce(session);
            container.sessionContext.associate(sessionStorage);
            container.sessionContext.activate();
            if (request) {
                container.requestContext.associate(requestStorage);
                container.requestContext.activate();
                container.requestScoped.next();
            }
            // The sessions exist already, and so do their beans: the benchmark measures calls on existing beans.
            container.userSession.next();
            container.sessionScoped.next();
            container.applicationScoped.next();
            container.passivatingFloor.next();
            container.normalFloor.next();
        }

        void unbind(Container container, boolean request) {
            if (request) {
                container.requestContext.deactivate();
                container.requestContext.dissociate(requestStorage);
            }
            container.sessionContext.deactivate();
            container.sessionContext.dissociate(sessionStorage);
            Binding.restore(null);
            binding.release();
        }
    }

    /** Sessions bound within an active Weld request context, as in a servlet request. */
    @State(Scope.Thread)
    public static class InRequest extends Sessions {
        @Setup
        public void setUp(Container container) {
            bind(container, true);
        }

        @TearDown
        public void tearDown(Container container) {
            unbind(container, true);
        }
    }

    /** Sessions bound with no request context, as in a job. */
    @State(Scope.Thread)
    public static class NoRequest extends Sessions {
        @Setup
        public void setUp(Container container) {
            bind(container, false);
        }

        @TearDown
        public void tearDown(Container container) {
            unbind(container, false);
        }
    }

    /** An existing session of each kind, not bound: each operation binds it. */
    @State(Scope.Thread)
    public static class Unbound {
        final Map<String, Object> sessionStorage = new HashMap<>();
        SessionHandle handle;
        Runnable userSessionCall;
        int result;

        @Setup
        public void create(Container container) {
            handle = container.sessions.create();
            UserSessionCounter bean = container.userSession;
            userSessionCall = () -> result = bean.next();
            container.sessions.runIn(handle, userSessionCall);
            container.sessionContext.associate(sessionStorage);
            container.sessionContext.activate();
            container.sessionScoped.next();
            container.sessionContext.deactivate();
            container.sessionContext.dissociate(sessionStorage);
        }
    }

    /** What a new @UserSession session does inside its binding: the first call, then the end of the session. */
    @State(Scope.Thread)
    public static class FirstUse {
        Callable<Integer> firstUseThenEnd;

        @Setup
        public void prepare(Container container) {
            UserSessionCounter bean = container.userSession;
            UserSessions sessions = container.sessions;
            firstUseThenEnd = () -> {
                int value = bean.next();
                sessions.end();
                return value;
            };
        }
    }

    @Benchmark
    public int call_userSession(Container container, InRequest bound) {
        return container.userSession.next();
    }

    @Benchmark
    public int call_sessionScoped(Container container, InRequest bound) {
        return container.sessionScoped.next();
    }

    @Benchmark
    public int call_requestScoped(Container container, InRequest bound) {
        return container.requestScoped.next();
    }

    @Benchmark
    public int call_applicationScoped(Container container, InRequest bound) {
        return container.applicationScoped.next();
    }

    @Benchmark
    public int call_floorPassivating(Container container, InRequest bound) {
        return container.passivatingFloor.next();
    }

    @Benchmark
    public int call_floorNormal(Container container, InRequest bound) {
        return container.normalFloor.next();
    }

    @Benchmark
    public int callNoRequest_userSession(Container container, NoRequest bound) {
        return container.userSession.next();
    }

    @Benchmark
    public int callNoRequest_sessionScoped(Container container, NoRequest bound) {
        return container.sessionScoped.next();
    }

    @Benchmark
    public int bindCall_userSession(Container container, Unbound unbound) {
        container.sessions.runIn(unbound.handle, unbound.userSessionCall);
        return unbound.result;
    }

    @Benchmark
    public int bindCall_sessionScoped(Container container, Unbound unbound) {
        BoundSessionContext context = container.sessionContext;
        context.associate(unbound.sessionStorage);
        context.activate();
        try {
            return container.sessionScoped.next();
        } finally {
            context.deactivate();
            context.dissociate(unbound.sessionStorage);
        }
    }

    @Benchmark
    public int newSession_userSession(Container container, FirstUse firstUse) throws Exception {
        SessionHandle session = container.sessions.create();
        return container.sessions.callIn(session, firstUse.firstUseThenEnd);
    }

    @Benchmark
    public int newSession_sessionScoped(Container container) {
        BoundSessionContext context = container.sessionContext;
        Map<String, Object> storage = new HashMap<>();
        context.associate(storage);
        context.activate();
        try {
            int value = container.sessionScoped.next();
            context.invalidate();
            return value;
        } finally {
            context.deactivate();
            context.dissociate(storage);
        }
    }
}
