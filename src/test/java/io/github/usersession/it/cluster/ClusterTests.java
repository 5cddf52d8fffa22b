package io.github.usersession.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;

import io.github.usersession.it.support.MicroCluster;
import io.github.usersession.it.support.MicroNode;
import io.github.usersession.it.support.Servers;

/** What the cluster tests share: where they run, and how they count a session's end over the nodes. */
final class ClusterTests {

    /** How long after a session is due the cluster may take to destroy it: Hazelcast expires entries in the background. */
    static final Duration DESTRUCTION_WAIT = Duration.ofSeconds(20);

    /** How long to go on watching after a destruction, for a second one on another node. */
    static final Duration SETTLE = Duration.ofSeconds(6);

    private ClusterTests() {
    }

    static void assumePayaraMicro() {
        assumeTrue(Servers.current().equals("payara-micro"), "the cluster tests run on Payara Micro");
    }

    /** A cluster name of the test class alone, so that no other cluster on the host can join it. */
    static String clusterName(Class<?> test) {
        return "us-" + test.getSimpleName() + "-" + ProcessHandle.current().pid();
    }

    /**
     * Waits until the session of {@code trace} is destroyed somewhere among {@code nodes}, watches {@link #SETTLE}
     * longer, and asserts that it ended exactly once for {@code reason}: {@code @BeforeDestroyed} (seeing the basket
     * {@code items}), each bean's {@code @PreDestroy} with its last state ({@code notes} for the profile; "" and a
     * never used profile count the same), and {@code @Destroyed}. Returns the seconds it took.
     */
    static double assertEndedOnce(MicroCluster cluster, String trace, String reason, String items, String notes,
            MicroNode... nodes) throws Exception {
        return assertEndedOnce(cluster, DESTRUCTION_WAIT, trace, reason, items, notes, nodes);
    }

    /** As above, waiting at most {@code wait} from now for the first destruction. */
    static double assertEndedOnce(MicroCluster cluster, Duration wait, String trace, String reason, String items,
            String notes, MicroNode... nodes) throws Exception {
        MicroNode[] where = nodes.length > 0 ? nodes : cluster.nodes().toArray(MicroNode[]::new);
        long start = System.nanoTime();
        boolean destroyed = MicroCluster.await(wait, Duration.ofMillis(250),
                () -> sum(where, "destroyed:" + trace) > 0);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(destroyed, "the session " + trace + " was destroyed within " + wait.toSeconds()
                + " s; counters: " + counters(where, trace) + "\n" + cluster.logs());
        Thread.sleep(SETTLE.toMillis());
        String counters = counters(where, trace);
        assertOnce(where, "before-destroyed:" + trace, counters);
        assertOnce(where, "before-destroyed:" + trace + ":" + reason, counters);
        assertOnce(where, "before-destroyed-items:" + trace + ":" + items, counters);
        assertOnce(where, "predestroy:Basket:" + trace, counters);
        assertOnce(where, "predestroy:Basket:" + trace + ":" + items, counters);
        int profiles = sum(where, "postconstruct:Profile:" + trace);
        assertEquals(profiles, sum(where, "predestroy:Profile:" + trace), "a @PreDestroy per profile" + counters);
        if (profiles > 0) {
            assertOnce(where, "predestroy:Profile:" + trace + ":" + notes, counters);
        }
        assertOnce(where, "destroyed:" + trace, counters);
        assertOnce(where, "destroyed:" + trace + ":" + reason, counters);
        return seconds;
    }

    private static void assertOnce(MicroNode[] nodes, String counter, String counters) throws Exception {
        assertEquals(1, sum(nodes, counter), counter + " counted once over the nodes; the session's counters:"
                + counters);
    }

    static int sum(MicroNode[] nodes, String counter) throws Exception {
        int sum = 0;
        for (MicroNode node : nodes) {
            sum += node.count(counter);
        }
        return sum;
    }

    /** Every counter of the session, node by node, for failure messages. */
    static String counters(MicroNode[] nodes, String trace) throws Exception {
        StringBuilder all = new StringBuilder();
        for (MicroNode node : nodes) {
            all.append("\n").append(node).append(":");
            for (String prefix : new String[] {"initialized:", "postconstruct:", "before-destroyed", "predestroy:",
                    "destroyed:"}) {
                String body = node.http().get("c/counts?prefix=" + prefix).body();
                body.lines().filter(line -> line.contains(trace)).forEach(line -> all.append("\n  ").append(line));
            }
        }
        return all.toString();
    }
}
