package io.github.usersession.bench.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scale-out benchmark's client (issue 10). Commands, with {@code key=value} options:
 * <ul>
 * <li>{@code wait}: until both nodes see a cluster of two members whose backups are in place (Hazelcast's
 * {@code isClusterSafe}).</li>
 * <li>{@code throughput}: 1000 simulated users per group (memory store sticky; Hazelcast store sticky and
 * alternating; Payara's {@code <distributable/>} sticky and alternating; a bare Hazelcast map, alternating), each with
 * a session made beforehand, then
 * warm-up and rounds of short runs, one per group and request (read, write), in rotating order; per run the requests
 * served, the servers' CPU time per request (both JVMs, from /proc), latency, and the machine's other load.</li>
 * <li>{@code grid}: N idle sessions in the Hazelcast store; the map's memory on each member before and after.</li>
 * <li>{@code kill}: N sessions made on alternate nodes, then {@code kill -9} of one node and the time until the
 * survivor has served every session with its full state.</li>
 * </ul>
 */
public final class ClusterBench {

    /** A group of users: the application's path, and whether its traffic alternates nodes or stays on one. */
    record Group(String name, String path, boolean alternating) {
    }

    static final List<Group> GROUPS = List.of(
            new Group("mem-stick", "/mem/us/", false),
            new Group("hz-stick", "/hz/us/", false),
            new Group("ss-stick", "/ss/ss/", false),
            new Group("hz-alt", "/hz/us/", true),
            new Group("ss-alt", "/ss/ss/", true),
            // No library: one IMap.get or IMap.set per request (cluster-app's BareGridServlet), the floor's baseline.
            new Group("bare-alt", "/mem/bare/", true));

    private final String[] hosts;
    private final int[] ports;
    private final String[] pids;
    private final Path out;
    private final int clients;
    private final int timeoutMillis;
    private final double ticksPerSecond;
    private final ExecutorService pool;
    /** Each worker's connections, one per node, kept across runs. */
    private final Connection[][] connections;

    private ClusterBench(Map<String, String> options) {
        String[] nodes = options.getOrDefault("nodes", "127.0.0.1:28081,127.0.0.1:28082").split(",");
        hosts = new String[nodes.length];
        ports = new int[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            hosts[i] = nodes[i].substring(0, nodes[i].lastIndexOf(':'));
            ports[i] = Integer.parseInt(nodes[i].substring(nodes[i].lastIndexOf(':') + 1));
        }
        pids = options.containsKey("pids") ? options.get("pids").split(",") : new String[0];
        out = Path.of(options.getOrDefault("out", "."));
        clients = Integer.parseInt(options.getOrDefault("clients", "16"));
        timeoutMillis = Integer.parseInt(options.getOrDefault("timeout", "30000"));
        ticksPerSecond = Double.parseDouble(options.getOrDefault("hz", "100"));
        pool = Executors.newFixedThreadPool(clients, task -> {
            Thread thread = new Thread(task, "client");
            thread.setDaemon(true);
            return thread;
        });
        connections = new Connection[clients][nodes.length];
        for (int w = 0; w < clients; w++) {
            for (int n = 0; n < nodes.length; n++) {
                connections[w][n] = new Connection(hosts[n], ports[n]);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            options.put(args[i].substring(0, equals), args[i].substring(equals + 1));
        }
        ClusterBench bench = new ClusterBench(options);
        Files.createDirectories(bench.out);
        switch (args[0]) {
            case "wait" -> bench.waitSafe(options.getOrDefault("app", "/hz"),
                    Integer.parseInt(options.getOrDefault("seconds", "300")));
            case "throughput" -> bench.throughput(options);
            case "grid" -> bench.grid(options);
            case "kill" -> bench.kill(options);
            default -> throw new IllegalArgumentException("wait, throughput, grid or kill: " + args[0]);
        }
        System.exit(0);
    }

    // ----------------------------------------------------------------------------------------------------------------
    // throughput

    private void throughput(Map<String, String> options) throws Exception {
        int users = Integer.parseInt(options.getOrDefault("users", "1000"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "40"));
        double seconds = Double.parseDouble(options.getOrDefault("seconds", "2"));
        double warmup = Double.parseDouble(options.getOrDefault("warmup", "10"));
        double othersMax = Double.parseDouble(options.getOrDefault("othersMax", "0.25"));
        int roundWait = Integer.parseInt(options.getOrDefault("roundWait", "60"));
        List<String> profiles = options.getOrDefault("profile", "").isBlank() ? List.of()
                : List.of(options.get("profile").split(","));
        double profileSeconds = Double.parseDouble(options.getOrDefault("profileSeconds", "20"));

        Map<String, List<User>> byGroup = new LinkedHashMap<>();
        StringBuilder setup = new StringBuilder();
        for (Group group : GROUPS) {
            long started = System.nanoTime();
            List<User> made = makeSessions(group.path(), users, 0);
            byGroup.put(group.name(), made);
            setup.append(String.format(Locale.ROOT, "%s: %d sessions made in %.1f s (user i made on node i %% 2 with"
                    + " one write); cookies of the first user after it: %s%n", group.name(), made.size(),
                    (System.nanoTime() - started) / 1e9, cookieNames(made.get(0))));
        }
        // Shows that Payara's persistence needs JSESSIONIDVERSION: users that do not send it back, alternating a write
        // on one node and a read on the other.
        setup.append(versionCookieCheck(users == 0 ? 0 : 50, 10));
        List<String> configs = new ArrayList<>();
        for (Group group : GROUPS) {
            configs.add(group.name() + "-read");
            configs.add(group.name() + "-write");
        }
        setup.append("configs (round 1 order): ").append(String.join(" ", configs)).append('\n');
        write(out.resolve("setup.txt"), setup.toString());
        System.out.print(setup);

        for (int pass = 1; pass <= 2; pass++) {
            for (String config : configs) {
                Map<String, String> result = measure(config, byGroup, warmup);
                write(out.resolve("warmup-" + pass + "-" + config + ".txt"), format(result));
                System.out.println("warm-up " + pass + " " + line(config, result));
            }
        }
        for (int round = 1; round <= rounds; round++) {
            String quiet = waitQuiet(othersMax, roundWait);
            append(out.resolve("load.txt"), Instant.now() + " round " + round + ": " + quiet + "\n");
            List<String> order = new ArrayList<>(configs);
            java.util.Collections.rotate(order, -((round - 1) % configs.size()));
            int position = 0;
            for (String config : order) {
                Map<String, String> result = measure(config, byGroup, seconds);
                result.put("round", Integer.toString(round));
                result.put("position", Integer.toString(++position));
                result.put("before_round", quiet);
                write(out.resolve("round-" + round + "-" + config + ".txt"), format(result));
                System.out.println("round " + round + " " + line(config, result));
            }
        }
        String profiler = options.getOrDefault("profiler", "");
        for (String config : profiles) {
            // async-profiler (CPU time of every thread, GC and JIT included) when its library is given, else JFR.
            for (int n = 0; n < pids.length; n++) {
                if (profiler.isEmpty()) {
                    jcmd(pids[n], "JFR.start", "name=bench", "settings=profile",
                            "filename=" + out.resolve("profile-" + config + "-node" + n + ".jfr").toAbsolutePath());
                } else {
                    // jcmd reads key=value arguments as its own options unless they are quoted.
                    jcmd(pids[n], "JVMTI.agent_load", profiler, "\"start,event=itimer,interval=1000000,threads\"");
                }
            }
            Map<String, String> result = measure(config, byGroup, profileSeconds);
            for (int n = 0; n < pids.length; n++) {
                if (profiler.isEmpty()) {
                    jcmd(pids[n], "JFR.stop", "name=bench");
                } else {
                    jcmd(pids[n], "JVMTI.agent_load", profiler, "\"stop,collapsed,file="
                            + out.resolve("profile-" + config + "-node" + n + ".collapsed").toAbsolutePath() + "\"");
                }
            }
            write(out.resolve("profile-" + config + ".txt"), format(result));
            System.out.println("profiled " + line(config, result));
        }
        StringBuilder after = new StringBuilder();
        for (Group group : GROUPS) {
            User first = byGroup.get(group.name()).get(0);
            after.append(group.name()).append(": first user's bean at version ").append(first.version)
                    .append(" after the rounds\n");
        }
        append(out.resolve("setup.txt"), after.toString());
        System.out.print(after);
    }

    private static String cookieNames(User user) {
        return user.cookieHeader().replaceAll("=[^;]*", "");
    }

    /** Makes {@code count} sessions of an application: user i's first request, a write, goes to node i % 2. */
    private List<User> makeSessions(String path, int count, int firstId) throws Exception {
        List<User> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            users.add(new User(firstId + i, i % 2));
        }
        AtomicInteger next = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        runOnWorkers(w -> {
            for (int i = next.getAndIncrement(); i < users.size(); i = next.getAndIncrement()) {
                User user = users.get(i);
                for (int attempt = 1; ; attempt++) {
                    try {
                        Connection.Response response = connections[w][user.home].get(path + "write", "",
                                timeoutMillis);
                        user.take(response.setCookies());
                        long version = version(response.body());
                        if (response.status() == 200 && version == 1 && !user.cookieHeader().isEmpty()) {
                            user.version = 1;
                            break;
                        }
                        failures.add("user " + user.id + ": status " + response.status() + " " + response.body());
                    } catch (IOException e) {
                        failures.add("user " + user.id + ": " + e);
                    }
                    if (attempt == 5) {
                        throw new IllegalStateException("no session for user " + user.id + " on " + path + ": "
                                + failures);
                    }
                    Thread.sleep(1000);
                }
            }
            return null;
        });
        if (!failures.isEmpty()) {
            System.out.println("while making sessions on " + path + ": " + failures);
        }
        return users;
    }

    /** Alternating write then read on the other node, with and without sending JSESSIONIDVERSION back. */
    private String versionCookieCheck(int count, int pairs) throws Exception {
        if (count == 0) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (boolean returnVersion : new boolean[] {true, false}) {
            List<User> users = makeSessions("/ss/ss/", count, 1_000_000);
            AtomicLong stale = new AtomicLong();
            AtomicLong reads = new AtomicLong();
            AtomicInteger next = new AtomicInteger();
            runOnWorkers(w -> {
                for (int i = next.getAndIncrement(); i < users.size(); i = next.getAndIncrement()) {
                    User user = users.get(i);
                    if (!returnVersion) {
                        user.ignore("JSESSIONIDVERSION");
                    }
                    for (int pair = 0; pair < pairs; pair++) {
                        int node = 1 - user.last;
                        Connection.Response wrote = connections[w][node].get("/ss/ss/write", user.cookieHeader(),
                                timeoutMillis);
                        user.take(wrote.setCookies());
                        user.last = node;
                        long written = version(wrote.body());
                        node = 1 - user.last;
                        Connection.Response read = connections[w][node].get("/ss/ss/read", user.cookieHeader(),
                                timeoutMillis);
                        user.take(read.setCookies());
                        user.last = node;
                        reads.incrementAndGet();
                        if (version(read.body()) != written) {
                            stale.incrementAndGet();
                        }
                    }
                }
                return null;
            });
            text.append(String.format(Locale.ROOT, "Payara <distributable/>, %s JSESSIONIDVERSION: %d of %d reads on"
                    + " the other node right after a write saw an older version%n",
                    returnVersion ? "returning" : "NOT returning", stale.get(), reads.get()));
        }
        return text.toString();
    }

    /** One run of a configuration ("hz-alt-read") for the given time, on every worker at once, with its costs. */
    private Map<String, String> measure(String config, Map<String, List<User>> byGroup, double seconds)
            throws Exception {
        String groupName = config.substring(0, config.lastIndexOf('-'));
        String op = config.substring(config.lastIndexOf('-') + 1);
        Group group = GROUPS.stream().filter(g -> g.name().equals(groupName)).findFirst().orElseThrow();
        List<User> users = byGroup.get(groupName);
        String path = group.path() + op;
        boolean writing = op.equals("write");
        Tally[] tallies = new Tally[clients];

        long[] serverBefore = serverTicks();
        long[] machineBefore = Proc.machineTicks();
        long clientBefore = Proc.processTicks("self");
        double startedAt = System.currentTimeMillis() / 1000.0;
        long started = System.nanoTime();
        long deadline = started + (long) (seconds * 1e9);
        runOnWorkers(w -> {
            Tally tally = new Tally(hosts.length);
            tallies[w] = tally;
            Connection[] mine = connections[w];
            int cursor = w;
            if (cursor >= users.size()) {
                return null;
            }
            while (System.nanoTime() < deadline) {
                User user = users.get(cursor);
                cursor += clients;
                if (cursor >= users.size()) {
                    cursor = w;
                }
                int node = group.alternating() ? 1 - user.last : user.home;
                long sent = System.nanoTime();
                try {
                    Connection.Response response = mine[node].get(path, user.cookieHeader(), timeoutMillis);
                    tally.served(node, System.nanoTime() - sent);
                    user.last = node;
                    if (user.take(response.setCookies())) {
                        tally.note("lost", "user " + user.id + " node " + node + ": a new session cookie");
                    }
                    if (response.status() != 200) {
                        tally.note("errors", "user " + user.id + " node " + node + ": status " + response.status());
                        continue;
                    }
                    long version = version(response.body());
                    if (!response.body().contains("ok=true")) {
                        tally.note("corrupt", "user " + user.id + " node " + node + ": " + response.body().trim());
                    }
                    long expected = writing ? user.version + 1 : user.version;
                    if (version != expected) {
                        tally.note("stale", "user " + user.id + " node " + node + ": v=" + version + ", expected "
                                + expected);
                    }
                    user.version = version;
                } catch (IOException e) {
                    user.last = node;
                    tally.note("errors", "user " + user.id + " node " + node + ": " + e);
                }
            }
            return null;
        });
        long ended = System.nanoTime();
        long[] serverAfter = serverTicks();
        long[] machineAfter = Proc.machineTicks();
        long clientAfter = Proc.processTicks("self");

        Tally total = new Tally(hosts.length);
        for (Tally tally : tallies) {
            if (tally != null) {
                total.add(tally);
            }
        }
        double elapsed = (ended - started) / 1e9;
        Map<String, String> result = new LinkedHashMap<>();
        result.put("config", config);
        result.put("path", path);
        result.put("alternating", Boolean.toString(group.alternating()));
        result.put("started", String.format(Locale.ROOT, "%.3f", startedAt));
        result.put("seconds", String.format(Locale.ROOT, "%.3f", elapsed));
        result.put("requests", Long.toString(total.requests));
        for (int n = 0; n < hosts.length; n++) {
            result.put("requests_node" + n, Long.toString(total.perNode[n]));
        }
        result.put("rps", String.format(Locale.ROOT, "%.1f", total.requests / elapsed));
        long serverTicks = 0;
        for (int n = 0; n < serverBefore.length; n++) {
            long ticks = serverAfter[n] - serverBefore[n];
            serverTicks += ticks;
            result.put("server_ticks_node" + n, Long.toString(ticks));
        }
        result.put("server_ticks", Long.toString(serverTicks));
        result.put("ticks_per_second", String.format(Locale.ROOT, "%.0f", ticksPerSecond));
        result.put("cpu_us_per_request", total.requests == 0 ? "nan" : String.format(Locale.ROOT, "%.2f",
                serverTicks / ticksPerSecond * 1e6 / total.requests));
        long busy = machineAfter[0] - machineBefore[0];
        long client = clientAfter - clientBefore;
        result.put("server_cores", String.format(Locale.ROOT, "%.2f", serverTicks / ticksPerSecond / elapsed));
        result.put("client_cores", String.format(Locale.ROOT, "%.2f", client / ticksPerSecond / elapsed));
        result.put("others_cores", String.format(Locale.ROOT, "%.2f",
                Math.max(0, busy - serverTicks - client) / ticksPerSecond / elapsed));
        result.put("steal_cores", String.format(Locale.ROOT, "%.2f",
                (machineAfter[1] - machineBefore[1]) / ticksPerSecond / elapsed));
        long[] latencies = total.latencies();
        Arrays.sort(latencies);
        for (double q : new double[] {0.5, 0.9, 0.99}) {
            result.put("latency_p" + (int) Math.round(q * 100) + "_ms", latencies.length == 0 ? "nan"
                    : String.format(Locale.ROOT, "%.3f", latencies[(int) Math.min(latencies.length - 1,
                    Math.ceil(q * latencies.length) - 1)] / 1e6));
        }
        result.put("latency_max_ms", latencies.length == 0 ? "nan"
                : String.format(Locale.ROOT, "%.3f", latencies[latencies.length - 1] / 1e6));
        for (String kind : List.of("errors", "stale", "lost", "corrupt")) {
            result.put(kind, Long.toString(total.counts.getOrDefault(kind, 0L)));
        }
        result.put("first_problems", String.join(" | ", total.examples));
        result.put("load_average", Proc.loadAverage());
        return result;
    }

    private static String line(String config, Map<String, String> result) {
        return String.format(Locale.ROOT, "%-15s %8s req/s  CPU %7s us/req  p99 %7s ms  others %s  %s", config,
                result.get("rps"), result.get("cpu_us_per_request"), result.get("latency_p99_ms"),
                result.get("others_cores"), problems(result));
    }

    private static String problems(Map<String, String> result) {
        StringBuilder text = new StringBuilder();
        for (String kind : List.of("errors", "stale", "lost", "corrupt")) {
            if (!"0".equals(result.get(kind))) {
                text.append(kind).append('=').append(result.get(kind)).append(' ');
            }
        }
        return text.toString();
    }

    /**
     * Before a round: the CPU the rest of the machine uses over a second (busy time less the servers' and this
     * client's, which are idle between runs); while above {@code max}, waits in 5-second steps, up to {@code limit}.
     */
    private String waitQuiet(double max, int limit) throws InterruptedException {
        int waited = 0;
        double others = othersOverASecond();
        while (others > max && waited < limit) {
            Thread.sleep(5000);
            waited += 5;
            others = othersOverASecond();
        }
        return String.format(Locale.ROOT, "others %.2f cores over 1 s after waiting %d s (limit %d s, max %.2f),"
                + " load average %s", others, waited, limit, max, Proc.loadAverage());
    }

    private double othersOverASecond() throws InterruptedException {
        long[] server0 = serverTicks();
        long[] machine0 = Proc.machineTicks();
        long client0 = Proc.processTicks("self");
        long t0 = System.nanoTime();
        Thread.sleep(1000);
        long[] server1 = serverTicks();
        long[] machine1 = Proc.machineTicks();
        long client1 = Proc.processTicks("self");
        double secs = (System.nanoTime() - t0) / 1e9;
        long servers = 0;
        for (int n = 0; n < server0.length; n++) {
            servers += server1[n] - server0[n];
        }
        return Math.max(0, machine1[0] - machine0[0] - servers - (client1 - client0)) / ticksPerSecond / secs;
    }

    private long[] serverTicks() {
        long[] ticks = new long[pids.length];
        for (int n = 0; n < pids.length; n++) {
            ticks[n] = Proc.processTicks(pids[n]);
        }
        return ticks;
    }

    private static void jcmd(String pid, String... command) throws IOException, InterruptedException {
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        List<String> line = new ArrayList<>(List.of(java.resolveSibling("jcmd").toString(), pid));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        System.out.println("jcmd " + pid + " " + String.join(" ", command) + ": " + output.trim());
    }

    // ----------------------------------------------------------------------------------------------------------------
    // grid

    private void grid(Map<String, String> options) throws Exception {
        int sessions = Integer.parseInt(options.getOrDefault("sessions", "10000"));
        String app = options.getOrDefault("app", "/grid");
        waitSafe(app, 300);
        List<Map<String, String>> before = List.of(stats(0, app), stats(1, app));
        long started = System.nanoTime();
        List<User> users = makeSessions(app + "/us/", sessions, 0);
        double makeSeconds = (System.nanoTime() - started) / 1e9;
        Thread.sleep(3000);
        waitSafe(app, 300);
        List<Map<String, String>> after = List.of(stats(0, app), stats(1, app));

        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "sessions=%d%nmade_seconds=%.1f%n", users.size(), makeSeconds));
        for (int n = 0; n < 2; n++) {
            for (String key : before.get(n).keySet()) {
                text.append("before.node").append(n).append('.').append(key).append('=').append(before.get(n).get(key))
                        .append('\n');
            }
            for (String key : after.get(n).keySet()) {
                text.append("after.node").append(n).append('.').append(key).append('=').append(after.get(n).get(key))
                        .append('\n');
            }
        }
        long owned = 0;
        long backup = 0;
        long ownedCount = 0;
        long backupCount = 0;
        for (int n = 0; n < 2; n++) {
            owned += delta(before, after, n, "ownedEntryMemoryCost");
            backup += delta(before, after, n, "backupEntryMemoryCost");
            ownedCount += delta(before, after, n, "ownedEntryCount");
            backupCount += delta(before, after, n, "backupEntryCount");
        }
        long bean = Long.parseLong(after.get(0).get("serializedBeanBytes"));
        text.append(String.format(Locale.ROOT, "owned_entries_added=%d%nbackup_entries_added=%d%n", ownedCount,
                backupCount));
        text.append(String.format(Locale.ROOT, "owned_bytes_per_session=%.1f%nbackup_bytes_per_session=%.1f%n",
                owned / (double) sessions, backup / (double) sessions));
        text.append("serialized_bean_bytes=").append(bean).append('\n');
        text.append(String.format(Locale.ROOT, "floor_bytes_per_session=%d%nmet=%s%n", bean + 200,
                owned / (double) sessions <= bean + 200));
        write(out.resolve("grid.txt"), text.toString());
        System.out.print(text);
    }

    private static long delta(List<Map<String, String>> before, List<Map<String, String>> after, int node,
            String key) {
        return Long.parseLong(after.get(node).get(key)) - Long.parseLong(before.get(node).get(key));
    }

    private Map<String, String> stats(int node, String app) throws IOException {
        try (Connection connection = new Connection(hosts[node], ports[node])) {
            Connection.Response response = connection.get(app + "/grid-stats", "", timeoutMillis);
            if (response.status() != 200) {
                throw new IOException("grid-stats on node " + node + ": status " + response.status());
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (String line : response.body().split("\n")) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    values.put(line.substring(0, equals), line.substring(equals + 1));
                }
            }
            return values;
        }
    }

    /** Waits until every node answers and sees all the nodes as members, with backups in place. */
    private void waitSafe(String app, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        String last = "";
        while (System.nanoTime() < deadline) {
            boolean safe = true;
            StringBuilder seen = new StringBuilder();
            for (int n = 0; n < hosts.length; n++) {
                try {
                    Map<String, String> values = stats(n, app);
                    seen.append("node").append(n).append(": members=").append(values.get("members"))
                            .append(" clusterSafe=").append(values.get("clusterSafe")).append("; ");
                    safe &= Integer.parseInt(values.get("members")) == hosts.length
                            && Boolean.parseBoolean(values.get("clusterSafe"));
                } catch (IOException | RuntimeException e) {
                    seen.append("node").append(n).append(": ").append(e).append("; ");
                    safe = false;
                }
            }
            last = seen.toString();
            if (safe) {
                System.out.println("cluster safe: " + last);
                return;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("the cluster did not become safe in " + seconds + " s: " + last);
    }

    // ----------------------------------------------------------------------------------------------------------------
    // kill

    private void kill(Map<String, String> options) throws Exception {
        int sessions = Integer.parseInt(options.getOrDefault("sessions", "1000"));
        int victim = Integer.parseInt(options.getOrDefault("victim", "1"));
        int run = Integer.parseInt(options.getOrDefault("run", "1"));
        int survivor = 1 - victim;
        String app = options.getOrDefault("app", "/hz");
        String path = app + "/us/";
        waitSafe(app, 300);
        // The sessions that must survive: made on alternate nodes (user i on node i % 2), then each changed once more
        // on the node that is killed, so that the survivor's copy of every session is stale or absent: it can serve
        // the session only from the grid, half of it from the backups of the partitions the killed node owned.
        List<User> users = alternateSessions(path, sessions, run * 10_000_000, victim);
        // The same pass on the healthy cluster, on as many other sessions made the same way: how long the survivor
        // takes to serve every session when nothing fails.
        List<User> reference = alternateSessions(path, sessions, run * 10_000_000 + 5_000_000, victim);
        waitSafe(app, 300);
        Map<String, Object> healthy = serveAll(reference, survivor, path, System.nanoTime(), 60);

        ProcessHandle process = ProcessHandle.of(Long.parseLong(pids[victim])).orElseThrow();
        long killedAt = System.nanoTime();
        boolean signalled = process.destroyForcibly(); // SIGKILL
        double killedEpoch = System.currentTimeMillis() / 1000.0;
        Map<String, Object> failover = serveAll(users, survivor, path, killedAt, 120);
        process.onExit().get(30, TimeUnit.SECONDS);

        StringBuilder text = new StringBuilder();
        text.append("run=").append(run).append('\n');
        text.append("sessions=").append(sessions).append('\n');
        text.append("victim=node").append(victim).append(" pid ").append(pids[victim]).append('\n');
        text.append("survivor=node").append(survivor).append('\n');
        text.append("sigkill_sent=").append(signalled).append(String.format(Locale.ROOT, " at %.3f%n",
                killedEpoch));
        healthy.forEach((key, value) -> text.append("healthy_").append(key).append('=').append(value).append('\n'));
        failover.forEach((key, value) -> text.append("kill_").append(key).append('=').append(value).append('\n'));
        try {
            Map<String, String> values = stats(survivor, app);
            text.append("survivor_members_after=").append(values.get("members")).append('\n');
        } catch (IOException e) {
            text.append("survivor_members_after=").append(e).append('\n');
        }
        write(out.resolve("kill-" + run + ".txt"), text.toString());
        System.out.print(text);
    }

    /** Sessions made on alternate nodes (user i's first write on node i % 2), then written again on one node. */
    private List<User> alternateSessions(String path, int count, int firstId, int lastNode) throws Exception {
        List<User> users = makeSessions(path, count, firstId);
        AtomicInteger next = new AtomicInteger();
        runOnWorkers(w -> {
            for (int i = next.getAndIncrement(); i < users.size(); i = next.getAndIncrement()) {
                User user = users.get(i);
                Connection.Response response = connections[w][lastNode].get(path + "write", user.cookieHeader(),
                        timeoutMillis);
                if (response.status() != 200 || version(response.body()) != 2 || user.take(response.setCookies())) {
                    throw new IllegalStateException("second write of user " + user.id + ": " + response);
                }
                user.version = 2;
            }
            return null;
        });
        return users;
    }

    /**
     * Reads every session on one node until each has answered with its full state (version 2, text matching, the
     * same session cookie), retrying the others; the times are from {@code since}.
     */
    private Map<String, Object> serveAll(List<User> users, int node, String path, long since, int limitSeconds)
            throws Exception {
        ConcurrentLinkedQueue<User> pending = new ConcurrentLinkedQueue<>(users);
        long[] servedAt = new long[users.size()];
        int firstId = users.get(0).id;
        Map<String, AtomicLong> failures = new java.util.concurrent.ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> examples = new ConcurrentLinkedQueue<>();
        AtomicLong attempts = new AtomicLong();
        long deadline = since + limitSeconds * 1_000_000_000L;
        runOnWorkers(w -> {
            for (User user = pending.poll(); user != null && System.nanoTime() < deadline; user = pending.poll()) {
                attempts.incrementAndGet();
                String failure;
                try {
                    Connection.Response response = connections[w][node].get(path + "read", user.cookieHeader(),
                            timeoutMillis);
                    boolean newSession = response.setCookies().stream().anyMatch(c -> c.startsWith("USERSESSION="));
                    if (response.status() == 200 && !newSession
                            && response.body().equals("v=" + user.version + " ok=true\n")) {
                        servedAt[user.id - firstId] = System.nanoTime();
                        continue;
                    }
                    failure = response.status() != 200 ? "status " + response.status()
                            : newSession ? "new session" : "state " + response.body().trim();
                } catch (IOException e) {
                    failure = e.getClass().getSimpleName();
                }
                failures.computeIfAbsent(failure.startsWith("state") ? "wrong state" : failure,
                        k -> new AtomicLong()).incrementAndGet();
                if (examples.size() < 5) {
                    examples.add(String.format(Locale.ROOT, "user %d at %.3f s: %s", user.id,
                            (System.nanoTime() - since) / 1e9, failure));
                }
                pending.add(user);
                Thread.sleep(10);
            }
            return null;
        });
        long[] times = Arrays.stream(servedAt).filter(t -> t != 0).map(t -> t - since).sorted().toArray();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("served", times.length + " of " + users.size());
        result.put("all_served_ms", times.length == users.size()
                ? String.format(Locale.ROOT, "%.1f", times[times.length - 1] / 1e6) : "never (limit "
                + limitSeconds + " s)");
        if (times.length > 0) {
            result.put("first_served_ms", String.format(Locale.ROOT, "%.1f", times[0] / 1e6));
            result.put("median_served_ms", String.format(Locale.ROOT, "%.1f", times[times.length / 2] / 1e6));
        }
        result.put("attempts", attempts.get());
        result.put("failures", failures.toString());
        result.put("failure_examples", String.join(" | ", examples));
        return result;
    }

    // ----------------------------------------------------------------------------------------------------------------

    private interface WorkerTask {
        Void run(int worker) throws Exception;
    }

    private void runOnWorkers(WorkerTask task) throws Exception {
        List<Future<Void>> futures = new ArrayList<>();
        for (int w = 0; w < clients; w++) {
            int worker = w;
            futures.add(pool.submit((Callable<Void>) () -> task.run(worker)));
        }
        for (Future<Void> future : futures) {
            future.get();
        }
    }

    private static long version(String body) {
        if (!body.startsWith("v=")) {
            return Long.MIN_VALUE;
        }
        int space = body.indexOf(' ');
        try {
            return Long.parseLong(body.substring(2, space < 0 ? body.length() : space).trim());
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    private static String format(Map<String, String> result) {
        StringBuilder text = new StringBuilder();
        result.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        return text.toString();
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One worker's count of a run. */
    private static final class Tally {
        long requests;
        final long[] perNode;
        final Map<String, Long> counts = new HashMap<>();
        final List<String> examples = new ArrayList<>();
        private long[] latencies = new long[4096];

        Tally(int nodes) {
            perNode = new long[nodes];
        }

        void served(int node, long nanos) {
            if (requests == latencies.length) {
                latencies = Arrays.copyOf(latencies, latencies.length * 2);
            }
            latencies[(int) requests++] = nanos;
            perNode[node]++;
        }

        void note(String kind, String example) {
            counts.merge(kind, 1L, Long::sum);
            if (examples.size() < 3) {
                examples.add(kind + ": " + example);
            }
        }

        long[] latencies() {
            return Arrays.copyOf(latencies, (int) requests);
        }

        void add(Tally other) {
            int size = (int) requests;
            latencies = Arrays.copyOf(latencies, (int) (requests + other.requests));
            System.arraycopy(other.latencies, 0, latencies, size, (int) other.requests);
            requests += other.requests;
            for (int n = 0; n < perNode.length; n++) {
                perNode[n] += other.perNode[n];
            }
            other.counts.forEach((kind, count) -> counts.merge(kind, count, Long::sum));
            for (String example : other.examples) {
                if (examples.size() < 5) {
                    examples.add(example);
                }
            }
        }
    }
}
