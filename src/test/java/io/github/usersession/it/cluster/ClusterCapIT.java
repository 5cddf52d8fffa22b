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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rule 7: {@code usersession.max-sessions} caps the cluster's sessions, not each node's. */
class ClusterCapIT {

    static final int CAP = 5;
    /** Sessions the cluster may admit beyond the cap (the count may lag behind a session just started elsewhere). */
    static final int CAP_TOLERANCE = 2;
    /** How soon a slot freed by logout on one node is usable on the other. */
    static final Duration FREED_WAIT = Duration.ofSeconds(5);

    static MicroCluster cluster;
    static MicroNode a;
    static MicroNode b;

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

    static void assertRefused(Reply reply) {
        assertEquals(503, reply.status(), reply.body());
        assertEquals("60", reply.retryAfter());
        assertNull(reply.issued(), reply.setCookies().toString());
    }

    @Test
    void theCapCountsTheSessionsOfEveryNode() throws Exception {
        List<MicroNode> nodes = List.of(a, b);
        List<Visitor> admitted = new ArrayList<>();
        for (int i = 0; i < CAP; i++) {
            Visitor visitor = new Visitor();
            Reply reply = visitor.get(nodes.get(i % 2), "c/add?value=s" + i);
            assertEquals(200, reply.status(), "session " + (i + 1) + " of " + CAP + ": " + reply.body());
            assertNotNull(visitor.id());
            admitted.add(visitor);
        }

        boolean[] refused = new boolean[2];
        int attempt = CAP;
        while (!(refused[0] && refused[1])) {
            assertTrue(admitted.size() <= CAP + CAP_TOLERANCE, "the cluster admitted " + admitted.size()
                    + " sessions under a cap of " + CAP + " (tolerance " + CAP_TOLERANCE + ")");
            Visitor visitor = new Visitor();
            Reply reply = visitor.get(nodes.get(attempt % 2), "c/add?value=s" + attempt);
            if (reply.status() == 503) {
                assertRefused(reply);
                refused[attempt % 2] = true;
            } else {
                assertEquals(200, reply.status(), reply.body());
                admitted.add(visitor);
            }
            attempt++;
        }
        System.out.printf("[%s] cap %d: admitted %d sessions, both nodes refused by attempt %d; count() says %s on A,"
                + " %s on B%n", cluster.name(), CAP, admitted.size(), attempt, a.http().get("c/sessions").body(),
                b.http().get("c/sessions").body());
        assertEquals("members=2", a.http().get("c/members").body().split(" ")[0], "requests without a session work");

        for (int i = 0; i < admitted.size(); i++) {
            for (MicroNode node : nodes) {
                Reply kept = admitted.get(i).get(node, "c/items");
                assertEquals(200, kept.status(), kept.body());
                assertEquals(List.of(), kept.setCookies(), "session " + i + " on " + node);
            }
        }

        int toEnd = admitted.size() - CAP + 1;
        for (int i = 0; i < toEnd; i++) {
            assertEquals("ended=true", admitted.get(i).get(a, "c/logout").body());
        }
        long loggedOut = System.nanoTime();
        Visitor late = new Visitor();
        boolean admittedAgain = MicroCluster.await(FREED_WAIT, Duration.ofMillis(200), () -> {
            Reply reply = late.get(b, "c/add?value=late");
            return reply.status() == 200;
        });
        assertTrue(admittedAgain, "after " + toEnd + " logouts on A, B admits a new session");
        System.out.printf("[%s] %d logouts on A, a new session on B %.2f s later%n", cluster.name(), toEnd,
                (System.nanoTime() - loggedOut) / 1e9);
        assertNotNull(late.id());
    }
}
