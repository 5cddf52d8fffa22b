package io.github.usersession.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.usersession.Race;
import io.github.usersession.it.support.ClusterApp;
import io.github.usersession.it.support.Http.Reply;
import io.github.usersession.it.support.MicroCluster;
import io.github.usersession.it.support.MicroNode;
import io.github.usersession.it.support.Visitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10 on two Payara Micro nodes sharing the sessions through Hazelcast, requests alternating between them:
 * state (rules 1 and 2), logout and ID renewal (rule 4), concurrent requests on two nodes (rule 3) and the bean that
 * cannot be serialized (rule 8).
 */
class ClusterSessionIT {

    static MicroCluster cluster;
    static MicroNode a;
    static MicroNode b;

    @BeforeAll
    static void start() throws Exception {
        ClusterTests.assumePayaraMicro();
        cluster = MicroCluster.start(ClusterTests.clusterName(ClusterSessionIT.class),
                ClusterApp.war("cluster-session", Map.of()), 2);
        a = cluster.node(0);
        b = cluster.node(1);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everyChangeIsSeenByTheNextRequestOnTheOtherNode() throws Exception {
        Visitor visitor = new Visitor();
        Reply first = visitor.get(a, "c/add?value=tea");
        assertEquals("items=tea", first.body());
        String id = visitor.id();
        assertNotNull(id, "the first use set a cookie: " + first.setCookies());
        String trace = visitor.get(a, "c/state").field("trace");

        Reply onB = visitor.get(b, "c/add?value=milk");
        assertEquals("items=tea,milk", onB.body(), "node B serves the session node A started");
        assertEquals(List.of(), onB.sessionCookies(), "node B adopts the session, no new cookie");
        assertEquals("notes=hello", visitor.get(a, "c/note?value=hello").body());
        assertEquals("trace=" + trace + " items=tea,milk notes=hello user=null", visitor.get(b, "c/state").body());
        assertEquals("items=tea,milk,bread", visitor.get(a, "c/add?value=bread").body());
        assertEquals("items=tea,milk,bread,jam", visitor.get(b, "c/add?value=jam").body());
        assertEquals("trace=" + trace + " items=tea,milk,bread,jam notes=hello user=null",
                visitor.get(a, "c/state").body());
        assertEquals(id, visitor.id(), "one ID all along");
        assertEquals(1, cluster.count("initialized:" + trace), "one session, initialized once in the cluster");
        assertEquals(1, cluster.count("postconstruct:Basket:" + trace), "one basket, constructed once");
    }

    /** Rules 1 and 2: a node that used a bean before serves it with the change the other node made since. */
    @Test
    void aNodeHoldingAnOlderCopyServesTheOtherNodesChange() throws Exception {
        Visitor visitor = new Visitor();
        assertEquals("items=1", visitor.get(a, "c/add?value=1").body());
        assertEquals("items=1,2", visitor.get(b, "c/add?value=2").body());
        assertEquals("items=1,2", visitor.get(a, "c/items").body(), "A had the basket as [1]; B added 2");
        assertEquals("items=1,2,3", visitor.get(a, "c/add?value=3").body());
        assertEquals("items=1,2,3", visitor.get(b, "c/items").body(), "B had the basket as [1, 2]; A added 3");
    }

    /**
     * Rule 1: saved before the response completes, whatever way it completes. Each direction has a session of its
     * own, started on the node that changes it, so that the reading node holds no copy of it yet.
     */
    @ParameterizedTest
    @ValueSource(strings = {"redirect", "error", "flush", "async"})
    void aChangeIsSavedBeforeTheResponseCompletes(String kind) throws Exception {
        for (MicroNode[] nodes : List.of(new MicroNode[] {a, b}, new MicroNode[] {b, a})) {
            MicroNode writer = nodes[0];
            MicroNode reader = nodes[1];
            Visitor visitor = new Visitor();
            assertEquals("items=first", visitor.get(writer, "c/add?value=first").body());
            Reply changed = visitor.get(writer, "c/" + kind + "?value=" + kind);
            assertTrue(Set.of(200, 302, 409).contains(changed.status()), changed.status() + " " + changed.body());
            assertEquals("items=first," + kind, visitor.get(reader, "c/items").body(),
                    kind + " on " + writer.name() + ", then " + reader.name());
        }
    }

    /** Rule 4: the logout's response is sent once no node serves the old ID. */
    @Test
    void logoutOnOneNodeEndsTheSessionOnEveryNode() throws Exception {
        Visitor visitor = new Visitor();
        visitor.get(a, "c/add?value=tea");
        String id = visitor.id();
        String trace = visitor.get(b, "c/state").field("trace");
        visitor.get(a, "c/state"); // each node holds a copy of the version the browser shows
        String version = visitor.version();
        assertNotNull(version, "a browser is told the version of the record it saw");

        Reply logout = visitor.get(b, "c/logout");
        assertEquals("ended=true", logout.body());
        assertEquals(null, visitor.id(), "the cookie is cleared: " + logout.setCookies());
        for (MicroNode node : List.of(a, b)) {
            Reply stale = new Visitor(id, version).get(node, "c/state");
            assertNotEquals(trace, stale.field("trace"), "the old ID is refused on " + node);
            assertEquals("", stale.field("items"), node.toString());
            assertNotEquals(id, stale.issued(), node.toString());
        }
        ClusterTests.assertEndedOnce(cluster, trace, "LOGOUT", "tea", "");
    }

    /** Rule 4: renewal on one node, the old ID dead everywhere at once, the session kept under the new one. */
    @Test
    void renewalOnOneNodeKillsTheOldIdOnEveryNode() throws Exception {
        Visitor visitor = new Visitor();
        visitor.get(a, "c/add?value=tea");
        String old = visitor.id();
        String trace = visitor.get(a, "c/state").field("trace");
        visitor.get(b, "c/state");
        String version = visitor.version();
        assertNotNull(version, "a browser is told the version of the record it saw");

        Reply login = visitor.get(b, "c/login?value=alice");
        assertEquals("user=alice", login.body());
        String renewed = visitor.id();
        assertNotNull(renewed);
        assertNotEquals(old, renewed, "login renewed the ID: " + login.setCookies());
        for (MicroNode node : List.of(a, b)) {
            Reply stale = new Visitor(old, version).get(node, "c/state");
            assertNotEquals(trace, stale.field("trace"), "the old ID is refused on " + node);
            assertEquals("", stale.field("items"), node.toString());
        }
        for (MicroNode node : List.of(a, b)) {
            Reply kept = visitor.get(node, "c/state");
            assertEquals("trace=" + trace + " items=tea notes= user=alice", kept.body(), node.toString());
            assertEquals(List.of(), kept.sessionCookies(), node.toString());
        }
        assertEquals(0, cluster.count("destroyed:" + trace), "renewal ends no session");
    }

    /** Rule 3: two requests at once on two nodes, each changing another bean; read=both: each reads both. */
    @ParameterizedTest
    @ValueSource(strings = {"one", "both"})
    void concurrentChangesToDifferentBeansOnTwoNodesBothSurvive(String read) throws Exception {
        Visitor visitor = new Visitor();
        visitor.get(a, "c/add?value=base");
        visitor.get(b, "c/note?value=base");
        String cookie = "USERSESSION=" + visitor.id();

        List<Reply> replies = Race.run(List.of(
                () -> a.http().get("c/slow?bean=profile&value=fromA&ms=1500&read=" + read, cookie),
                () -> b.http().get("c/slow?bean=basket&value=fromB&ms=1500&read=" + read, cookie)),
                Duration.ofSeconds(60));
        replies.forEach(reply -> assertEquals(200, reply.status(), reply.body()));

        for (MicroNode node : List.of(a, b)) {
            Reply state = visitor.get(node, "c/state");
            assertEquals("base,fromB", state.field("items"), "the basket changed on B, seen on " + node);
            assertEquals("base,fromA", state.field("notes"), "the profile changed on A, seen on " + node);
        }
    }

    /** Rule 3: the same bean changed at once on two nodes: last write wins, and nothing breaks. */
    @Test
    void concurrentChangesToOneBeanLastWriteWins() throws Exception {
        Visitor visitor = new Visitor();
        visitor.get(a, "c/add?value=base");
        String cookie = "USERSESSION=" + visitor.id();

        List<Reply> replies = Race.run(List.of(
                () -> a.http().get("c/slow?bean=basket&value=fromA&ms=1500", cookie),
                () -> b.http().get("c/slow?bean=basket&value=fromB&ms=1500", cookie)),
                Duration.ofSeconds(60));
        replies.forEach(reply -> assertEquals(200, reply.status(), reply.body()));

        String onA = visitor.get(a, "c/items").body();
        assertEquals(onA, visitor.get(b, "c/items").body(), "both nodes agree");
        assertTrue(Set.of("items=base,fromA", "items=base,fromB", "items=base,fromA,fromB", "items=base,fromB,fromA")
                .contains(onA), onA);
        System.out.println("[" + cluster.name() + "] one bean changed on both nodes at once ends as " + onA);
    }

    /** Rule 8: the request fails and says which bean, which field path and which class. */
    @Test
    void aBeanThatCannotBeSerializedFailsTheRequestNamingTheFieldPath() throws Exception {
        Visitor visitor = new Visitor();
        visitor.get(a, "c/add?value=tea");
        int logBefore = b.log().length();

        Reply failed = visitor.get(b, "c/unserializable?value=tea");
        assertTrue(failed.status() >= 400, "the request fails: " + failed.status() + " " + failed.body());
        String path = "Cart.items[0].supplier";
        String type = "io.github.usersession.it.cluster.app.Supplier";
        boolean told = MicroCluster.await(Duration.ofSeconds(10), Duration.ofMillis(250), () -> {
            String said = failed.body() + "\n" + b.log().substring(logBefore);
            return said.contains(path) && said.contains(type);
        });
        System.out.println("[" + cluster.name() + "] unserializable bean: " + failed.status() + " " + failed.body());
        assertTrue(told, "the response or node B's log names " + path + " and " + type + "; response "
                + failed.status() + " " + failed.body() + "\nnode B's log since:\n" + b.log().substring(logBefore));
        assertEquals("items=tea", visitor.get(a, "c/items").body(), "the session's other state is intact");
    }
}
