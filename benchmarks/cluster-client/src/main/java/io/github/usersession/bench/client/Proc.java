package io.github.usersession.bench.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time from /proc, in clock ticks: a process's user + system time, and the whole machine's busy time. */
final class Proc {

    private Proc() {
    }

    /** utime + stime of a process (fields 14 and 15 of /proc/PID/stat; the name in parentheses may hold spaces). */
    static long processTicks(String pid) {
        String stat = read("/proc/" + pid + "/stat");
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 (state): utime is field 14, stime field 15.
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** The machine's busy ticks over all CPUs (user, nice, system, irq, softirq, steal) and the steal alone. */
    static long[] machineTicks() {
        String[] cpu = read("/proc/stat").lines().filter(line -> line.startsWith("cpu ")).findFirst().orElseThrow()
                .trim().split("\\s+");
        long user = Long.parseLong(cpu[1]);
        long nice = Long.parseLong(cpu[2]);
        long system = Long.parseLong(cpu[3]);
        long irq = Long.parseLong(cpu[6]);
        long softirq = Long.parseLong(cpu[7]);
        long steal = Long.parseLong(cpu[8]);
        return new long[] {user + nice + system + irq + softirq + steal, steal};
    }

    static String loadAverage() {
        String[] fields = read("/proc/loadavg").split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
