package io.github.usersession.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.Map;

import io.github.usersession.it.app.ItemCart;
import io.github.usersession.it.app.Lifecycle;
import io.github.usersession.it.app.security.BasicLogin;
import io.github.usersession.it.app.security.RejectionCounter;
import io.github.usersession.it.app.security.SecurityServlet;
import io.github.usersession.it.app.security.TestUsers;
import io.github.usersession.it.support.ClusterApp;
import io.github.usersession.it.support.Http.Reply;
import io.github.usersession.it.support.MicroCluster;
import io.github.usersession.it.support.MicroNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 on two Payara Micro nodes sharing the sessions through Hazelcast, with a real login (Jakarta Security's
 * HTTP Basic and the test's identity store): a session's user travels with it, so that the other node neither signs
 * the user in again (no renewal at each hop) nor hands the beans to another user, and lists and ends everywhere the
 * sessions it serves. Through the principal index in the store, either node finds, ends and limits the sessions of a
 * user that any node signed in, also those it never served.
 */
class ClusterPrincipalIT {

    static MicroCluster cluster;
    static MicroNode a;
    static MicroNode b;

    @BeforeAll
    static void start() throws Exception {
        ClusterTests.assumePayaraMicro();
        cluster = MicroCluster.start(ClusterTests.clusterName(ClusterPrincipalIT.class),
                ClusterApp.war("cluster-principal", Map.of("usersession.max-sessions-per-principal", "2"))
                        .addClasses(ItemCart.class, Lifecycle.class, BasicLogin.class, TestUsers.class,
                                RejectionCounter.class, SecurityServlet.class), 2);
        a = cluster.node(0);
        b = cluster.node(1);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** A request to the node as the user (null: anonymous) with the session ID (null: none). */
    static Reply as(MicroNode node, String user, String id, String path) throws Exception {
        return node.http().getAs(path, user, "secret-" + user, "Cookie", id == null ? null : "USERSESSION=" + id);
    }

    static String signedIn(MicroNode node, String user, String item) throws Exception {
        String anonymous = as(node, null, null, "sec/add?item=" + item).issued();
        assertNotNull(anonymous);
        Reply signIn = as(node, user, anonymous, "sec/whoami");
        assertEquals(user, signIn.field("owner"));
        assertNotNull(signIn.issued(), "the sign-in renews the ID: " + signIn.setCookies());
        return signIn.issued();
    }

    @Test
    void theUserSignedInOnOneNodeIsTheSessionsUserOnTheOther() throws Exception {
        String id = signedIn(a, "alice", "tea");
        Reply onB = as(b, "alice", id, "sec/whoami");
        assertEquals("alice", onB.field("owner"));
        assertEquals("tea", onB.field("items"));
        assertEquals(List.of(), onB.sessionCookies(), "no second sign-in on the other node: no renewal at this hop");
        assertEquals("sessions=1", as(b, null, null, "sec/find?user=alice").body());
        as(a, null, null, "sec/end-all?user=alice");
        as(b, null, null, "sec/end-all?user=alice");
    }

    @Test
    void endAllOnTheOtherNodeEndsTheSessionOnBoth() throws Exception {
        String id = signedIn(a, "bob", "tea");
        as(b, null, id, "sec/whoami");
        assertEquals("ended=1", as(b, null, null, "sec/end-all?user=bob").body());
        assertEquals("exists=false", as(a, null, id, "sec/exists").body());
        assertEquals("exists=false", as(b, null, id, "sec/exists").body());
    }

    @Test
    void anotherUserOnTheOtherNodeNeverGetsTheBeans() throws Exception {
        String id = signedIn(a, "carol", "carol's-tea");
        Reply alice = as(b, "alice", id, "sec/whoami");
        assertEquals("alice", alice.field("owner"));
        assertEquals("", alice.field("items"));
        assertNotEquals(id, alice.issued());
        assertEquals("exists=false", as(a, null, id, "sec/exists").body(), "carol's session ended on both nodes");
        as(b, null, null, "sec/end-all?user=alice");
    }

    /** How many times the cart instance was destroyed, on both nodes together. */
    static long destroyed(String cartInstance) throws Exception {
        long count = 0;
        for (MicroNode node : List.of(a, b)) {
            count += as(node, null, null, "sec/lifecycle").body().lines()
                    .filter(line -> line.equals("cart destroyed " + cartInstance)).count();
        }
        return count;
    }

    static String cartOf(MicroNode node, String user, String id) throws Exception {
        return as(node, user, id, "sec/whoami").field("cart");
    }

    @Test
    void endAllOnEitherNodeEndsTheUsersSessionsThatEachNodeSignedInOnceAndNoOneElses() throws Exception {
        String onA = signedIn(a, "dave", "tea");
        String onB = signedIn(b, "dave", "coffee");
        String bobs = signedIn(b, "bob", "bread");
        String cartOnA = cartOf(a, "dave", onA);
        String cartOnB = cartOf(b, "dave", onB);
        assertEquals("sessions=2", as(a, null, null, "sec/find?user=dave").body(),
                "node A finds the session that only node B served");
        assertEquals("ended=2", as(a, null, null, "sec/end-all?user=dave").body());
        for (MicroNode node : List.of(a, b)) {
            assertEquals("exists=false", as(node, null, onA, "sec/exists").body());
            assertEquals("exists=false", as(node, null, onB, "sec/exists").body());
            assertEquals("exists=true", as(node, null, bobs, "sec/exists").body(), "another user's session stays");
        }
        assertEquals(1, destroyed(cartOnA), "each cart destroyed once in the cluster");
        assertEquals(1, destroyed(cartOnB));
        assertEquals("sessions=0", as(b, null, null, "sec/find?user=dave").body());
        as(a, null, null, "sec/end-all?user=bob");
    }

    @Test
    void aThirdSignInEvictsTheUsersOldestSessionWhicheverNodeSignedItIn() throws Exception {
        String oldest = signedIn(b, "erin", "first");
        String oldestCart = cartOf(b, "erin", oldest);
        String second = signedIn(a, "erin", "second");
        String third = signedIn(a, "erin", "third");
        for (MicroNode node : List.of(a, b)) {
            assertEquals("exists=false", as(node, null, oldest, "sec/exists").body(),
                    "the oldest session, signed in on B and never served by A, is evicted");
            assertEquals("exists=true", as(node, null, second, "sec/exists").body());
            assertEquals("exists=true", as(node, null, third, "sec/exists").body(), "never the one signing in");
        }
        assertEquals(1, destroyed(oldestCart));
        assertEquals("sessions=2", as(b, null, null, "sec/find?user=erin").body());
        as(b, null, null, "sec/end-all?user=erin");
    }
}
