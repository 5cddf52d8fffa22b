package io.github.usersession.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.usersession.it.support.ClusterApp;
import io.github.usersession.it.support.Http.Reply;
import io.github.usersession.it.support.MicroCluster;
import io.github.usersession.it.support.MicroNode;
import io.github.usersession.it.support.Visitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Rule 5 on two nodes: idle and absolute timeouts are the cluster's, and a session ends exactly once in the cluster,
 * with its events and every {@code @PreDestroy}, also when the node that served it last is dead (the last test: it
 * kills node B).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterExpiryIT {

    static final Duration IDLE = Duration.ofSeconds(3);
    static final Duration ABSOLUTE = Duration.ofSeconds(10);
    /** How far from the absolute timeout a session may still be served, or already refused. */
    static final double ABSOLUTE_TOLERANCE_SECONDS = 1.0;
    /** What the cluster may need, beyond {@link ClusterTests#DESTRUCTION_WAIT}, to notice a killed member. */
    static final Duration MEMBER_LOSS_WAIT = Duration.ofSeconds(30);

    static MicroCluster cluster;
    static MicroNode a;
    static MicroNode b;

    @BeforeAll
    static void start() throws Exception {
        ClusterTests.assumePayaraMicro();
        cluster = MicroCluster.start(ClusterTests.clusterName(ClusterExpiryIT.class),
                ClusterApp.war("cluster-expiry", Map.of("usersession.idle-timeout", IDLE.toString(),
                        "usersession.absolute-timeout", ABSOLUTE.toString())), 2);
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
    @Order(1)
    void aSessionKeptBusyOnNodeBIsNotExpiredOnNodeA() throws Exception {
        Visitor visitor = new Visitor();
        visitor.get(a, "c/add?value=tea");
        String trace = visitor.get(a, "c/state").field("trace");
        // Every half second, so that a slow machine does not leave the session idle for the idle timeout.
        long start = System.nanoTime();
        long answered = start;
        double longestGap = 0;
        while (System.nanoTime() - start < 6_000_000_000L) {
            Thread.sleep(500);
            longestGap = Math.max(longestGap, seconds(answered));
            Reply busy = visitor.get(b, "c/items");
            answered = System.nanoTime();
            assertEquals("items=tea", busy.body(), "served on B while busy; longest pause between requests "
                    + longestGap + " s");
            assertEquals(List.of(), busy.sessionCookies());
        }
        longestGap = Math.max(longestGap, seconds(answered));
        Reply onA = visitor.get(a, "c/state");
        assertEquals("trace=" + trace + " items=tea notes= user=null", onA.body(),
                "A serves a session idle on A for 6 s but busy on B (idle timeout " + IDLE + "; longest pause"
                        + " between requests " + longestGap + " s)");
        assertEquals(List.of(), onA.sessionCookies());
        assertEquals(0, cluster.count("before-destroyed:" + trace), "no node destroyed it");
        assertEquals(0, cluster.count("predestroy:Basket:" + trace), "no node destroyed its basket");
        assertEquals(0, cluster.count("destroyed:" + trace), "no node destroyed it");
    }

    @Test
    @Order(2)
    void anIdleSessionEndsOnceInTheCluster() throws Exception {
        Visitor visitor = new Visitor();
        visitor.get(a, "c/add?value=tea");
        String id = visitor.id();
        String trace = visitor.get(a, "c/state").field("trace");
        visitor.get(b, "c/add?value=milk");
        visitor.get(b, "c/note?value=n1");
        long lastUse = System.nanoTime();

        double took = ClusterTests.assertEndedOnce(cluster, IDLE.plus(ClusterTests.DESTRUCTION_WAIT), trace,
                "IDLE_TIMEOUT", "tea,milk", "n1");
        System.out.printf("[%s] idle session destroyed %.1f s after its last use (idle timeout %s)%n",
                cluster.name(), took, IDLE);
        assertRefusedEverywhere(id, trace);
    }

    @Test
    @Order(3)
    void aSessionKeptBusyOnNodeBEndsAtTheAbsoluteTimeout() throws Exception {
        long start = System.nanoTime();
        Visitor visitor = new Visitor();
        visitor.get(a, "c/add?value=tea");
        long created = System.nanoTime();
        String id = visitor.id();
        String trace = visitor.get(a, "c/state").field("trace");

        Double endedAt = null;
        while (seconds(start) < ABSOLUTE.toSeconds() + 5) {
            Thread.sleep(1_000);
            double sentAfterStart = seconds(start);
            double sentAfterCreated = seconds(created);
            Reply busy = new Visitor(id).get(b, "c/items");
            if (busy.body().equals("items=tea") && busy.sessionCookies().isEmpty()) {
                assertTrue(sentAfterCreated < ABSOLUTE.toSeconds() + ABSOLUTE_TOLERANCE_SECONDS,
                        "still served " + sentAfterCreated + " s after it started");
            } else {
                assertEquals("items=", busy.body(), "a new session after the end");
                assertTrue(sentAfterStart > ABSOLUTE.toSeconds() - ABSOLUTE_TOLERANCE_SECONDS,
                        "ended early: " + sentAfterStart + " s after it started");
                endedAt = sentAfterStart;
                break;
            }
        }
        assertNotNull(endedAt, "the session ended by the absolute timeout " + ABSOLUTE);
        System.out.printf("[%s] busy session refused on B %.1f s after it started (absolute timeout %s)%n",
                cluster.name(), endedAt, ABSOLUTE);
        ClusterTests.assertEndedOnce(cluster, trace, "ABSOLUTE_TIMEOUT", "tea", "");
        assertRefusedEverywhere(id, trace);
    }

    /** Last: it kills node B. */
    @Test
    @Order(Integer.MAX_VALUE)
    void aSessionEndsOnceOnTheSurvivorWhenTheNodeThatServedItLastIsDead() throws Exception {
        Visitor visitor = new Visitor();
        visitor.get(a, "c/add?value=tea");
        String id = visitor.id();
        String trace = visitor.get(a, "c/state").field("trace");
        assertEquals("items=tea,milk", visitor.get(b, "c/add?value=milk").body());
        long lastUse = System.nanoTime();
        b.kill();
        System.out.printf("[%s] killed %s %.1f s after the session's last use%n", cluster.name(), b,
                seconds(lastUse));

        double sinceLastUse = seconds(lastUse);
        double took = ClusterTests.assertEndedOnce(cluster,
                IDLE.plus(ClusterTests.DESTRUCTION_WAIT).plus(MEMBER_LOSS_WAIT), trace, "IDLE_TIMEOUT", "tea,milk",
                "", a);
        System.out.printf("[%s] with B dead, A destroyed the session %.1f s after its last use (on B)%n",
                cluster.name(), sinceLastUse + took);
        Reply stale = new Visitor(id).get(a, "c/state");
        assertNotEquals(trace, stale.field("trace"), "the expired ID is refused on the survivor");
        assertEquals("", stale.field("items"));
    }

    private void assertRefusedEverywhere(String id, String trace) throws Exception {
        for (MicroNode node : List.of(a, b)) {
            Reply stale = new Visitor(id).get(node, "c/state");
            assertNotEquals(trace, stale.field("trace"), "the expired ID is refused on " + node);
            assertEquals("", stale.field("items"), node.toString());
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
