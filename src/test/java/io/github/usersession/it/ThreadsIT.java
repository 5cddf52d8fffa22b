package io.github.usersession.it;

import static io.github.usersession.it.support.TestServlet.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.UUID;

import io.github.usersession.it.app.threads.AsyncServlet;
import io.github.usersession.it.app.threads.Gates;
import io.github.usersession.it.app.threads.Reports;
import io.github.usersession.it.app.threads.ThreadsServlet;
import io.github.usersession.it.app.threads.Work;
import io.github.usersession.it.support.Deployments;
import io.github.usersession.it.support.Http;
import io.github.usersession.it.support.Http.Reply;
import io.github.usersession.it.support.Servers;
import io.github.usersession.it.support.TestServlet;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The session beyond the request thread on a real server: managed executors, {@code @Asynchronous} methods, context
 * services, wrapped tasks on unmanaged threads, and servlet async processing.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class ThreadsIT {

    static final String NOT_BOUND = "failed ContextNotActiveException: No user session is bound to this thread";

    @Deployment(testable = false)
    static WebArchive application() {
        return Deployments.servletApp("threads").addClasses(ThreadsServlet.class, AsyncServlet.class, Work.class,
                Gates.class, Reports.class);
    }

    @ArquillianResource
    URL base;

    Http http;
    TestServlet app;

    @BeforeEach
    void client() {
        http = new Http(base);
        app = new TestServlet(http);
    }

    @Test
    void managedExecutorsAndAsynchronousMethodsCarryTheSubmittersSession() throws Exception {
        String cookie = app.session("tea");
        for (String path : List.of("t/executor", "t/scheduler", "t/asynchronous",
                "t/context-service?name=java:app/concurrent/WithUserSession",
                "t/context-service?name=java:app/concurrent/Remaining")) {
            assertEquals("items=[tea]", http.get(path, cookie).body(), path);
        }
    }

    @Test
    void theDefaultContextServiceCarriesTheSessionOnWildFlyOnly() throws Exception {
        String cookie = app.session("tea");
        String seen = http.get("t/default-context-service", cookie).body();
        System.out.println(Servers.current() + ": the default ContextService -> " + seen);
        if (Servers.defaultContextServiceCarriesUserSession()) {
            assertEquals("items=[tea]", seen);
        } else {
            assertTrue(seen.startsWith(NOT_BOUND), seen);
        }
    }

    @Test
    void aTaskSubmittedWithoutASessionRunsWithNoneAndStartsNone() throws Exception {
        String before = http.get("s/count").body();
        for (String path : List.of("t/executor", "t/asynchronous", "t/wrapped")) {
            Reply reply = http.get(path);
            assertTrue(reply.body().startsWith(NOT_BOUND), path + " -> " + reply.body());
            assertEquals(List.of(), reply.setCookies(), path);
        }
        assertEquals(before, http.get("s/count").body(), "no session was started");
    }

    @Test
    void wrappedTasksCarryTheSessionToThreadsNoContainerManages() throws Exception {
        String cookie = app.session("tea");
        assertEquals("items=[tea] | items=[tea]", http.get("t/wrapped", cookie).body());
    }

    @Test
    void aThreadOfAManagedThreadFactoryNeverGetsASession() throws Exception {
        String cookie = app.session("tea");
        String seen = http.get("t/thread-factory", cookie).body();
        assertTrue(seen.startsWith(NOT_BOUND), seen);
    }

    @Test
    void aPooledThreadNeverKeepsASession() throws Exception {
        String cookie = app.session("tea");
        String[] withSession = http.get("t/one-thread", cookie).body().split(" \\| ");
        assertEquals("items=[tea]", withSession[1]);
        String[] without = http.get("t/one-thread").body().split(" \\| ");
        assertEquals(withSession[0], without[0], "the single thread ran both tasks");
        assertTrue(without[1].startsWith(NOT_BOUND), without[1]);
        // Here the executor leaves the user session alone: only a proxy binds it, and the next task sees the thread.
        String[] unchanged = http.get("t/one-thread-unchanged", cookie).body().split(" \\|\\| ");
        String[] first = unchanged[0].split(" \\| ");
        String[] second = unchanged[1].split(" \\| ");
        assertEquals("items=[tea]", first[1]);
        assertEquals(first[0], second[0], "the single thread ran both tasks");
        assertEquals("active=false", second[1]);
    }

    @Test
    void aTaskThatStartsAfterLogoutFindsTheSessionEndedAndNeverRevivesIt() throws Exception {
        String cookie = app.session("tea");
        String token = UUID.randomUUID().toString();
        assertEquals("scheduled", http.get("t/later?delay=1500&token=" + token, cookie).body());
        http.get("s/logout", cookie);
        String seen = line(app.awaitLifecycle("task " + token + ": "), "task " + token + ": ");
        assertTrue(seen.contains("failed ContextNotActiveException: The user session UserSession[")
                && seen.contains("has ended"), seen);
        assertEquals("items=[]", http.get("s/items", cookie).body(), "the ended session is not served");
    }

    @Test
    void asyncWorkRunsBoundToTheRequestsSession() throws Exception {
        String cookie = app.session("tea");
        assertEquals("items=[tea]", http.get("a/start", cookie).body());
        assertEquals("dispatched items=[tea]", http.get("a/dispatch", cookie).body());
    }

    @Test
    void aSessionCreatedInAsyncWorkReachesTheClient() throws Exception {
        Reply reply = http.get("a/start-new");
        assertEquals("items=[async]", reply.body());
        assertNotNull(reply.issued(), reply.setCookies().toString());
        assertEquals("items=[async]", http.get("s/items", "USERSESSION=" + reply.issued()).body());
    }

    @Test
    void asyncListenersRunBoundToTheRequestsSession() throws Exception {
        String cookie = app.session("tea");
        String token = UUID.randomUUID().toString();
        assertEquals("started", http.get("a/listener?token=" + token, cookie).body());
        assertEquals("listener " + token + " complete: items=[tea]",
                line(app.awaitLifecycle("listener " + token), "listener " + token));
        String timeout = UUID.randomUUID().toString();
        assertEquals("timed out", http.get("a/timeout?token=" + timeout, cookie).body());
        assertEquals("listener " + timeout + " timeout: items=[tea]",
                line(app.awaitLifecycle("listener " + timeout), "listener " + timeout));
    }
}
