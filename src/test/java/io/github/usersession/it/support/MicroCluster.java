package io.github.usersession.it.support;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A cluster of Payara Micro processes on 127.0.0.1, each deploying the same WAR, joined by TCP/IP into one Hazelcast
 * cluster of their own name. Each node's output goes to a file under target/it-cluster/; {@link #close()} stops every
 * node this cluster started, and a shutdown hook kills them if the test JVM exits first.
 * <p>
 * Started by hand rather than by Arquillian, which manages one server per container. Ports: HTTP from the system
 * property {@code it.cluster.http.ports} (default 18580,18581), Hazelcast start ports from
 * {@code it.cluster.hz.ports} (default 17700,17720). The cluster is ready when every node serves the application and
 * every node's Hazelcast sees every node; the application must answer {@code GET c/members} with
 * {@code members=N ...}, as {@link ClusterApp}'s servlet does.
 */
public final class MicroCluster implements AutoCloseable {

    /** How long one node may take to start and deploy, on a small shared machine. */
    public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(300);

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final List<MicroNode> nodes = new ArrayList<>();
    private final Thread killer = new Thread(this::killAll, "micro-cluster-killer");

    private MicroCluster(String name) {
        this.name = name;
    }

    /**
     * Starts {@code size} nodes deploying {@code war} under the cluster name {@code name} (unique per test class) and
     * waits until all serve the application as members of a cluster of {@code size}. On failure every node started
     * is stopped and the error carries the logs.
     */
    public static MicroCluster start(String name, WebArchive war, int size) throws Exception {
        return start(name, war, size, false);
    }

    /**
     * As {@link #start(String, WebArchive, int)}; {@code hostAware} keeps Payara's host-aware partition groups, with
     * which members on one host keep no backups (only to see that the library warns about it).
     */
    public static MicroCluster start(String name, WebArchive war, int size, boolean hostAware) throws Exception {
        Path dir = baseDir().resolve(name);
        deleteTree(dir);
        Files.createDirectories(dir);
        File warFile = dir.resolve(war.getName()).toFile();
        war.as(ZipExporter.class).exportTo(warFile, true);
        String context = war.getName().replaceFirst("\\.war$", "");

        List<Integer> httpPorts = ports("it.cluster.http.ports", "18580,18581", size);
        List<Integer> hzPorts = ports("it.cluster.hz.ports", "17700,17720", size);
        String members = hzPorts.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));

        MicroCluster cluster = new MicroCluster(name);
        Runtime.getRuntime().addShutdownHook(cluster.killer);
        try {
            for (int i = 0; i < size; i++) {
                awaitFree(httpPorts.get(i));
                awaitFree(hzPorts.get(i));
            }
            long start = System.nanoTime();
            for (int i = 0; i < size; i++) {
                String nodeName = (char) ('A' + i) + "";
                cluster.nodes.add(MicroNode.launch(nodeName, dir.resolve("node-" + nodeName), warFile, context,
                        httpPorts.get(i), hzPorts.get(i), members, name, hostAware));
            }
            for (MicroNode node : cluster.nodes) {
                node.awaitMembers(size, STARTUP_TIMEOUT);
            }
            System.out.printf("[%s] %d nodes up with %d members each in %.1f s (%s)%n", name, size, size,
                    (System.nanoTime() - start) / 1e9,
                    cluster.nodes.stream().map(MicroNode::toString).collect(Collectors.joining(", ")));
            return cluster;
        } catch (Throwable e) {
            cluster.close();
            throw e;
        }
    }

    public String name() {
        return name;
    }

    public List<MicroNode> nodes() {
        return List.copyOf(nodes);
    }

    public MicroNode node(int index) {
        return nodes.get(index);
    }

    /** The nodes still running. */
    public List<MicroNode> alive() {
        return nodes.stream().filter(MicroNode::isAlive).toList();
    }

    /** The sum of a counter of {@link ClusterApp} over every node; fails if a node is not running. */
    public int count(String counter) throws Exception {
        int sum = 0;
        for (MicroNode node : nodes) {
            if (!node.isAlive()) {
                throw new IllegalStateException(node + " is not running: count on the survivors instead");
            }
            sum += node.count(counter);
        }
        return sum;
    }

    /** What every node logged, for failure messages. */
    public String logs() {
        return nodes.stream().map(node -> "---- " + node + " ----\n" + node.logTail(120)).collect(Collectors.joining("\n"));
    }

    /** Stops every node: a normal shutdown, then a forced one for a node that does not exit in time. */
    @Override
    public void close() {
        for (MicroNode node : nodes) {
            node.requestStop();
        }
        for (MicroNode node : nodes) {
            try {
                node.awaitExit(STOP_TIMEOUT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                node.kill();
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or will run: nothing left for it to do
        }
    }

    private void killAll() {
        nodes.forEach(MicroNode::killQuietly);
    }

    /** target/it-cluster, beside the servers that Maven downloads. */
    static Path baseDir() {
        String serverDir = System.getProperty("it.server.dir");
        if (serverDir == null) {
            throw new IllegalStateException("it.server.dir is not set: run the in-container tests with mvn verify");
        }
        return Path.of(serverDir).toAbsolutePath().getParent().resolve("it-cluster");
    }

    /** The Payara Micro jar that the payara profile copies at pre-integration-test. */
    static File microJar() {
        File jar = new File(System.getProperty("it.server.dir"), "payara-micro.jar");
        if (!jar.isFile()) {
            throw new IllegalStateException(jar + " is missing: the payara Maven profile copies it (mvn verify)");
        }
        return jar;
    }

    static String preboot() {
        String preboot = System.getProperty("it.payara.preboot");
        if (preboot == null || !new File(preboot).isFile()) {
            throw new IllegalStateException("it.payara.preboot does not name the preboot file: " + preboot);
        }
        return preboot;
    }

    private static List<Integer> ports(String property, String defaults, int size) {
        List<Integer> ports = List.of(System.getProperty(property, defaults).split(",")).stream()
                .map(String::strip).map(Integer::valueOf).toList();
        if (ports.size() < size) {
            throw new IllegalStateException(property + " names " + ports.size() + " ports, " + size + " needed");
        }
        return ports.subList(0, size);
    }

    /** Waits for a port that the previous test class's cluster may still hold; fails if it stays taken. */
    private static void awaitFree(int port) throws InterruptedException {
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        while (true) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
                return;
            } catch (IOException taken) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Port 127.0.0.1:" + port + " is still taken after "
                            + STOP_TIMEOUT.toSeconds() + " s; is another cluster running?");
                }
                Thread.sleep(500);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    /** Polls {@code probe} every {@code interval} until it returns true or {@code timeout} passes. */
    public static boolean await(Duration timeout, Duration interval, Probe probe) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (probe.ok()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(interval.toMillis());
        }
    }

    /** A condition to poll. */
    @FunctionalInterface
    public interface Probe {
        boolean ok() throws Exception;
    }
}
