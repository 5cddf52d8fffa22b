package io.github.usersession.it.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import io.github.usersession.it.support.ClusterApp;
import io.github.usersession.it.support.MicroCluster;
import io.github.usersession.it.support.MicroNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rule 6: two Payara Micros on one host with Payara's default host-aware partition groups keep no backups, and the
 * library says so at start. (ClusterKillIT checks that with {@code --nohostaware} it does not.)
 */
class ClusterBackupWarningIT {

    /** Words of the warning, as the library logs them. */
    static final String WARNING = "no usable backup";

    static MicroCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        ClusterTests.assumePayaraMicro();
        cluster = MicroCluster.start(ClusterTests.clusterName(ClusterBackupWarningIT.class),
                ClusterApp.war("cluster-hostaware", Map.of()), 2, true);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void hostAwarePartitionGroupsOnOneHostAreWarnedAbout() throws Exception {
        for (MicroNode node : cluster.nodes()) {
            assertTrue(node.http().get("c/members").body().contains("partitionGroups=true"),
                    "Payara's host-aware partition groups are on");
            assertTrue(MicroCluster.await(Duration.ofSeconds(10), Duration.ofMillis(250),
                    () -> node.log().contains(WARNING)), node + " warns that the map has " + WARNING + "; its log:\n"
                    + node.logTail(80));
        }
    }
}
