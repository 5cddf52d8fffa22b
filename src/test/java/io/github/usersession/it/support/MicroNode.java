package io.github.usersession.it.support;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.github.usersession.it.support.Http.Reply;

/**
 * One Payara Micro process of a {@link MicroCluster}: the JVM itself (started as {@code java -jar payara-micro.jar},
 * no wrapper script), its ports, its log file and an HTTP client of its application.
 */
public final class MicroNode {

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[;\\d]*m");

    private final String name;
    private final int httpPort;
    private final int hzPort;
    private final Path log;
    private final Process process;
    private final Http http;
    private final long startedAt = System.nanoTime();
    private volatile long killedAt;

    private MicroNode(String name, int httpPort, int hzPort, Path log, Process process, Http http) {
        this.name = name;
        this.httpPort = httpPort;
        this.hzPort = hzPort;
        this.log = log;
        this.process = process;
        this.http = http;
    }

    static MicroNode launch(String name, Path dir, File war, String context, int httpPort, int hzPort,
            String members, String clusterName, boolean hostAware) throws IOException {
        Files.createDirectories(dir.resolve("tmp"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-Djava.io.tmpdir=" + dir.resolve("tmp"),
                "-Dhazelcast.socket.bind.any=false",
                "-jar", MicroCluster.microJar().getAbsolutePath(),
                "--deploy", war.getAbsolutePath(),
                "--port", String.valueOf(httpPort),
                "--prebootcommandfile", MicroCluster.preboot(),
                "--disablephonehome",
                "--rootdir", dir.resolve("root").toString(),
                "--name", clusterName + "-" + name,
                "--clustername", clusterName,
                "--clustermode", "tcpip:" + members,
                "--startport", String.valueOf(hzPort),
                "--interfaces", "127.0.0.1",
                // Two members on one host keep no backups with host-aware partition groups, Payara's default.
                hostAware ? "--hostaware" : "--nohostaware"));
        Path log = dir.resolve("output.log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new MicroNode(name, httpPort, hzPort, log, process,
                new Http(new URL("http://127.0.0.1:" + httpPort + "/" + context + "/")));
    }

    /** Waits until the node serves the application and its Hazelcast has {@code members} members. */
    void awaitMembers(int members, Duration timeout) throws Exception {
        String[] last = {"no answer"};
        boolean ready = MicroCluster.await(timeout, Duration.ofMillis(500), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(this + " exited with " + process.exitValue()
                        + " while starting; its log:\n" + logTail(200));
            }
            try {
                Reply reply = http.get("c/members");
                last[0] = reply.status() + " " + reply.body();
                return reply.status() == 200 && reply.field("members").equals(String.valueOf(members));
            } catch (IOException notYet) {
                last[0] = notYet.toString();
                return false;
            }
        });
        if (!ready) {
            throw new IllegalStateException(this + " did not serve the application with " + members
                    + " cluster members within " + timeout.toSeconds() + " s (last answer: " + last[0]
                    + "); its log:\n" + logTail(200));
        }
        System.out.printf("[%s] ready after %.1f s: %s%n", this, (System.nanoTime() - startedAt) / 1e9, last[0]);
    }

    public String name() {
        return name;
    }

    public Http http() {
        return http;
    }

    public int httpPort() {
        return httpPort;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The JVM's process ID. */
    public long pid() {
        return process.pid();
    }

    /** The value of a counter of {@link ClusterApp} on this node alone. */
    public int count(String counter) throws IOException, InterruptedException {
        Reply reply = http.get("c/count?name=" + URLEncoder.encode(counter, StandardCharsets.UTF_8));
        if (reply.status() != 200) {
            throw new IllegalStateException(this + " answered " + reply.status() + " to count " + counter);
        }
        return Integer.parseInt(reply.field("count"));
    }

    /**
     * {@code kill -9}: SIGKILL to the JVM that serves the node (no shutdown hook, no goodbye to the cluster), and
     * waits until the process is gone. Returns the {@link System#nanoTime()} of the kill.
     */
    public long kill() {
        if (process.isAlive()) {
            String command = process.info().command().orElse("?");
            long children = process.descendants().count();
            killedAt = System.nanoTime();
            process.destroyForcibly();
            System.out.printf("[%s] SIGKILL to pid %d (%s, %d child processes)%n", this, process.pid(), command,
                    children);
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException(this + " still runs 30 s after SIGKILL");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return killedAt;
    }

    /** When {@link #kill()} sent SIGKILL, as {@link System#nanoTime()}, or 0. */
    public long killedAt() {
        return killedAt;
    }

    void killQuietly() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    /** A normal shutdown (SIGTERM: Payara's shutdown hook leaves the cluster), awaited. */
    public void stop() throws InterruptedException {
        requestStop();
        awaitExit(Duration.ofSeconds(60));
    }

    void requestStop() {
        if (process.isAlive()) {
            process.destroy();
        }
    }

    /** Waits for the process to exit, and kills it if it does not in time. */
    void awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The node's whole output so far, without terminal colours. */
    public String log() {
        try {
            return ANSI.matcher(Files.readString(log, StandardCharsets.UTF_8)).replaceAll("");
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** The last lines of the node's output. */
    public String logTail(int lines) {
        List<String> all = log().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    public Path logFile() {
        return log;
    }

    @Override
    public String toString() {
        return "node " + name + " (pid " + process.pid() + ", http " + httpPort + ", hazelcast " + hzPort + ")";
    }
}
