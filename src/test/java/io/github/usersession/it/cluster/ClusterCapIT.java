package io.github.usersession.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.usersession.it.support.ClusterApp;
import io.github.usersession.it.support.Http.Reply;
import io.github.usersession.it.support.MicroCluster;
import io.github.usersession.it.support.MicroNode;
import io.github.usersession.it.support.Visitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rule 7: {@code usersession.max-sessions} caps the cluster's sessions, not each node's. The README states the
 * tolerance: each server reads the store's count at most once a second, so the cap may be passed by the sessions the
 * other servers started within that second.
 */
class ClusterCapIT {

    static final int CAP = 5;
    /** How long a node may go on counting without the sessions another node started: the README's second, and some. */
    static final Duration COUNT_LAG = Duration.ofMillis(1_500);
    /**
     * Sessions a burst (every request within one second) may admit beyond the cap: what the other node admits within
     * that second, which it bounds by the cap as it sees it. With 2 the test failed once in two runs (8 admitted).
     */
    static final int CAP_TOLERANCE = CAP;
    /** How soon a slot freed by logout on one node is usable on the other. */
    static final Duration FREED_WAIT = Duration.ofSeconds(5);

    static MicroCluster cluster;
    static MicroNode a;
    static MicroNode b;

    final List<Visitor> admitted = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        ClusterTests.assumePayaraMicro();
        cluster = MicroCluster.start(ClusterTests.clusterName(ClusterCapIT.class),
                ClusterApp.war("cluster-cap", Map.of("usersession.max-sessions", String.valueOf(CAP))), 2);
        a = cluster.node(0);
        b = cluster.node(1);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Ends the test's sessions, so that the next test starts under the cap. */
    @AfterEach
    void endSessions() throws Exception {
        for (Visitor visitor : admitted) {
            if (visitor.id() != null) {
                visitor.get(a, "c/logout");
            }
        }
        Thread.sleep(COUNT_LAG.toMillis());
    }

    static void assertRefused(Reply reply) {
        assertEquals(503, reply.status(), reply.body());
        assertEquals("60", reply.retryAfter());
        assertNull(reply.issued(), reply.setCookies().toString());
    }

    Visitor admit(MicroNode node, String item) throws Exception {
        Visitor visitor = new Visitor();
        Reply reply = visitor.get(node, "c/add?value=" + item);
        assertEquals(200, reply.status(), "session " + (admitted.size() + 1) + " on " + node + ": " + reply.body());
        assertNotNull(visitor.id());
        admitted.add(visitor);
        return visitor;
    }

    /** Sessions started on both nodes fill the cap: then neither node starts one, though neither holds five. */
    @Test
    void theCapCountsTheSessionsOfEveryNode() throws Exception {
        for (int i = 0; i < CAP; i++) {
            admit(i % 2 == 0 ? a : b, "s" + i);
        }
        Thread.sleep(COUNT_LAG.toMillis());
        assertRefused(new Visitor().get(a, "c/add?value=over"));
        assertRefused(new Visitor().get(b, "c/add?value=over"));
        assertEquals("members=2", a.http().get("c/members").body().split(" ")[0], "requests without a session work");
        for (int i = 0; i < CAP; i++) {
            assertEquals("items=s" + i, admitted.get(i).get(i % 2 == 0 ? b : a, "c/items").body(),
                    "the sessions go on, on either node");
        }

        assertEquals("ended=true", admitted.get(0).get(a, "c/logout").body());
        long loggedOut = System.nanoTime();
        Visitor late = new Visitor();
        boolean admittedAgain = MicroCluster.await(FREED_WAIT, Duration.ofMillis(200),
                () -> late.get(b, "c/add?value=late").status() == 200);
        assertTrue(admittedAgain, "after a logout on A, B admits a new session within " + FREED_WAIT.toSeconds() + " s");
        admitted.add(late);
        System.out.printf("[%s] a logout on A, a new session on B %.2f s later%n", cluster.name(),
                (System.nanoTime() - loggedOut) / 1e9);
    }

    /** New sessions in a burst on both nodes: both refuse within the tolerance, and every admitted session works. */
    @Test
    void aBurstOfNewSessionsPassesTheCapByAtMostTheTolerance() throws Exception {
        List<MicroNode> nodes = List.of(a, b);
        boolean[] refused = new boolean[2];
        int attempt = 0;
        long start = System.nanoTime();
        while (!(refused[0] && refused[1])) {
            assertTrue(admitted.size() <= CAP + CAP_TOLERANCE, "the cluster admitted " + admitted.size()
                    + " sessions under a cap of " + CAP + " (tolerance " + CAP_TOLERANCE + ")");
            MicroNode node = nodes.get(attempt % 2);
            Reply reply = new Visitor().get(node, "c/add?value=probe");
            if (reply.status() == 503) {
                assertRefused(reply);
                refused[attempt % 2] = true;
            } else {
                assertEquals(200, reply.status(), reply.body());
                admitted.add(new Visitor(reply.issued()));
            }
            attempt++;
        }
        System.out.printf("[%s] cap %d, a burst of %d attempts in %.2f s: %d admitted; count() then says %s on A, %s"
                + " on B%n", cluster.name(), CAP, attempt, (System.nanoTime() - start) / 1e9, admitted.size(),
                a.http().get("c/sessions").body(), b.http().get("c/sessions").body());
        for (Visitor visitor : admitted) {
            for (MicroNode node : nodes) {
                Reply kept = visitor.get(node, "c/items");
                assertEquals("items=probe", kept.body(), "an admitted session on " + node);
                assertEquals(List.of(), kept.sessionCookies(), node.toString());
            }
        }
    }
}
