package io.github.usersession.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

/**
 * Rule 6: {@code kill -9} of the node that served the last request loses no session and no state a client has a
 * response for. Prints the time from the kill until the survivor serves every session (issue 10's figure: 5 s);
 * asserts only that it does within {@link #SURVIVOR_WAIT}.
 */
class ClusterKillIT {

    static final int SESSIONS = 20;
    static final Duration SURVIVOR_WAIT = Duration.ofSeconds(120);

    static MicroCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        ClusterTests.assumePayaraMicro();
        cluster = MicroCluster.start(ClusterTests.clusterName(ClusterKillIT.class),
                ClusterApp.war("cluster-kill", Map.of()), 2);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    static MicroNode node(int session, int round) {
        return cluster.node((session + round) % 2);
    }

    @Test
    void killingTheNodeThatServedLastLosesNoSession() throws Exception {
        // Session i is served by node (i + round) % 2 in each round: its requests alternate between the nodes, and
        // within a round so do the sessions'. The last request of all is the last round's for the last session.
        List<Visitor> visitors = new ArrayList<>();
        List<String> traces = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            Visitor visitor = new Visitor();
            assertEquals("items=a" + i, visitor.get(node(i, 0), "c/add?value=a" + i).body());
            visitors.add(visitor);
        }
        for (int i = 0; i < SESSIONS; i++) {
            assertEquals("notes=n" + i, visitors.get(i).get(node(i, 1), "c/note?value=n" + i).body());
        }
        for (int i = 0; i < SESSIONS; i++) {
            assertEquals("user=u" + i, visitors.get(i).get(node(i, 2), "c/login?value=u" + i).body());
        }
        for (int i = 0; i < SESSIONS; i++) {
            traces.add(visitors.get(i).get(node(i, 3), "c/state").field("trace"));
        }
        for (int i = 0; i < SESSIONS; i++) {
            assertEquals("items=a" + i + ",b" + i, visitors.get(i).get(node(i, 4), "c/add?value=b" + i).body());
        }
        MicroNode last = node(SESSIONS - 1, 4);
        MicroNode survivor = last == cluster.node(0) ? cluster.node(1) : cluster.node(0);
        for (MicroNode node : cluster.nodes()) {
            System.out.printf("[%s] before the kill, %s: %s%n%s%n", cluster.name(), node,
                    node.http().get("c/members").body(), node.http().get("c/grid").body());
        }

        for (MicroNode node : cluster.nodes()) {
            assertFalse(node.log().contains(ClusterBackupWarningIT.WARNING),
                    node + " warns of no backup although it runs with --nohostaware");
        }

        Map<Integer, String> pending = new LinkedHashMap<>();
        for (int i = 0; i < SESSIONS; i++) {
            pending.put(i, "trace=" + traces.get(i) + " items=a" + i + ",b" + i + " notes=n" + i + " user=u" + i);
        }
        long killed = last.kill();
        System.out.printf("[%s] kill -9 %s, the node that served the last request%n", cluster.name(), last);

        Map<Integer, String> lost = new LinkedHashMap<>();
        Map<Integer, String> unanswered = new LinkedHashMap<>();
        double firstServed = -1;
        while (!pending.isEmpty() && System.nanoTime() - killed < SURVIVOR_WAIT.toNanos()) {
            for (var session : List.copyOf(pending.entrySet())) {
                int i = session.getKey();
                try {
                    Reply reply = survivor.http().get("c/state", "USERSESSION=" + visitors.get(i).id());
                    if (reply.status() == 200) {
                        pending.remove(i);
                        firstServed = firstServed < 0 ? (System.nanoTime() - killed) / 1e9 : firstServed;
                        if (!reply.body().equals(session.getValue()) || !reply.sessionCookies().isEmpty()) {
                            lost.put(i, reply.body() + " " + reply.setCookies());
                        }
                    } else {
                        unanswered.put(i, reply.status() + " " + reply.body());
                    }
                } catch (IOException e) {
                    unanswered.put(i, e.toString());
                }
            }
            if (!pending.isEmpty()) {
                Thread.sleep(200);
            }
        }
        double allServed = (System.nanoTime() - killed) / 1e9;
        System.out.printf("[%s] after kill -9 of %s: first session answered by %s %.2f s later, all %d sessions "
                + "answered %.2f s later (issue 10's floor: 5 s)%n", cluster.name(), last.name(), survivor.name(),
                firstServed, SESSIONS, allServed);
        boolean alone = MicroCluster.await(Duration.ofSeconds(60), Duration.ofMillis(250),
                () -> survivor.http().get("c/members").field("members").equals("1"));
        System.out.printf("[%s] %s %s a member of one %.1f s after the kill%n", cluster.name(), survivor,
                alone ? "was" : "was still not", (System.nanoTime() - killed) / 1e9);

        assertTrue(lost.isEmpty(), "sessions lost or incomplete on the survivor: " + lost);
        assertTrue(pending.isEmpty(), "sessions not served within " + SURVIVOR_WAIT.toSeconds() + " s of the kill: "
                + pending.keySet() + "; last answers: " + unanswered + "\n" + survivor.logTail(150));
    }
}
