package io.github.usersession.internal.web;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.usersession.bench.DestroyedCounter;
import io.github.usersession.bench.RejectionCounter;
import io.github.usersession.internal.RegistryAccess;
import io.github.usersession.internal.SessionRegistry;
import io.github.usersession.internal.StoredSession;
import io.github.usersession.internal.UserSessionExtension;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Issue 12: what one request's session lookup costs when its cookie names a live session, names none (a rejection:
 * the count, and the {@code SessionIdRejectedEvent} when the application observes it), or is absent. Each operation
 * is what the filter does for a request that looks its session up: open the request's side, find, let go. The
 * unknown IDs are 10,000 distinct ones, sent in turn, as by a client that guesses.
 * <p>
 * The request is a {@link Proxy}, the same for every variant, so the differences between the variants are the
 * library's own; the absolute figures include the proxy's calls and clearing the request's attributes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class RejectionBenchmark {

    static final int UNKNOWN_IDS = 10_000;

    /** Whether the application observes the event; without an observer a rejection is only counted. */
    @Param({"observed", "unobserved"})
    public String observer;

    WeldContainer weld;
    SessionRegistry registry;
    SessionIdTransports transports;
    List<String> liveCookie;
    final List<List<String>> unknownCookies = new ArrayList<>();
    RejectionCounter counter;

    @Setup
    public void start() {
        UserSessionExtension extension = new UserSessionExtension();
        Weld builder = new Weld().disableDiscovery().addExtension(extension);
        // Weld SE refuses to start with no bean at all: the unobserved variant gets one that observes something else.
        builder.addBeanClasses(observer.equals("observed") ? RejectionCounter.class : DestroyedCounter.class);
        weld = builder.initialize();
        registry = extension.start("/bench", key -> null);
        transports = new SessionIdTransports(registry.config(), false);
        StoredSession live = RegistryAccess.createdAndReleased(registry);
        liveCookie = List.of("USERSESSION=" + live.id().encoded());
        for (int i = 0; i < UNKNOWN_IDS; i++) {
            String prefix = Integer.toString(i, 36);
            // Well formed: 43 base64url characters, the last one with its two unused bits clear ('E').
            unknownCookies.add(List.of("USERSESSION=" + prefix + "A".repeat(42 - prefix.length()) + "E"));
        }
        counter = observer.equals("observed") ? weld.select(RejectionCounter.class).get() : null;
    }

    @TearDown
    public void stop(BenchmarkParams params) {
        if (counter != null && params.getBenchmark().endsWith("unknownId") && counter.count() == 0) {
            throw new IllegalStateException("The observer saw no rejection: the benchmark measured the wrong thing");
        }
        weld.shutdown();
    }

    /** One client's requests: the cookie header of the next (or none), its attributes, an uncommitted response. */
    @State(Scope.Thread)
    public static class Client {
        final Map<String, Object> attributes = new HashMap<>();
        List<String> cookies = List.of();
        int next;
        HttpServletRequest request;
        HttpServletResponse response;

        @Setup
        public void create() {
            request = (HttpServletRequest) Proxy.newProxyInstance(Client.class.getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getHeaders" -> Collections.enumeration(cookies);
                        case "getAttribute" -> attributes.get((String) args[0]);
                        case "setAttribute" -> attributes.put((String) args[0], args[1]);
                        case "getRemoteAddr" -> "198.51.100.7";
                        case "getRequestURI" -> "/bench/s";
                        default -> null;
                    });
            response = (HttpServletResponse) Proxy.newProxyInstance(Client.class.getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) ->
                            method.getReturnType() == boolean.class ? false : null);
        }
    }

    /** One request that looks its session up, as the filter makes it: a new request side, find, let go. */
    private StoredSession request(Client client, List<String> cookies) {
        client.attributes.clear(); // a new request: nothing rejected yet
        client.cookies = cookies;
        StoredSession found = RequestSession.open(registry, transports, client.request, client.response).find();
        if (found != null) {
            RegistryAccess.release(registry, found);
        }
        return found;
    }

    @Benchmark
    public StoredSession liveId(Client client) {
        return request(client, liveCookie);
    }

    @Benchmark
    public StoredSession unknownId(Client client) {
        return request(client, unknownCookies.get(client.next++ % UNKNOWN_IDS));
    }

    @Benchmark
    public StoredSession noCookie(Client client) {
        return request(client, List.of());
    }
}
