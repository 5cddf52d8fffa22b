package io.github.usersession.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.usersession.SessionEndReason;

/**
 * Ends the sessions of this server's heap that expire: a pass every second looks only at the sessions due, filed by
 * their deadline in an {@link ExpiryQueue}, never at every live one. A shared store expires its records itself.
 */
final class Reaper {

    private static final Logger LOG = Logger.getLogger(Reaper.class.getName());

    private final SessionRegistry registry;
    private final ExpiryQueue expiries = new ExpiryQueue();
    /** Sessions ended (by logout, mostly) since the expiry queue last dropped ended ones. */
    private final AtomicInteger endedSinceCompaction = new AtomicInteger();
    private ScheduledExecutorService thread;

    Reaper(SessionRegistry registry) {
        this.registry = registry;
    }

    /** Starts the pass every second, on a daemon thread with the application's class loader. */
    synchronized void start() {
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread reaper = new Thread(task, "usersession-reaper");
            reaper.setDaemon(true);
            reaper.setContextClassLoader(application);
            return reaper;
        });
        thread.scheduleWithFixedDelay(registry::reap, 1, 1, TimeUnit.SECONDS);
    }

    /** Stops the passes and waits up to ten seconds for a running one. */
    void stop() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            stopping = thread;
        }
        if (stopping != null) {
            stopping.shutdownNow();
            try {
                stopping.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void file(StoredSession session, long deadline) {
        expiries.add(session, deadline);
    }

    /** Notes that a session ended before its deadline: it still sits in the queue. */
    void ended() {
        endedSinceCompaction.incrementAndGet();
    }

    int queued() {
        return expiries.size();
    }

    /** One pass: ends the sessions that are due, files the others by their new deadline. */
    void pass(long now, int live) {
        // Sessions ended before their deadline still sit in the queue; drop them once there are as many as live ones,
        // so that a client looping through login and logout cannot grow the heap beyond the cap.
        if (endedSinceCompaction.get() > Math.max(1024, live)) {
            endedSinceCompaction.set(0);
            expiries.removeEnded();
        }
        for (StoredSession session : expiries.pollDue(now)) {
            try {
                if (session.isLive()) {
                    SessionEndReason expiry = registry.expiry(session, now);
                    if (expiry != null) {
                        registry.end(session, expiry);
                    } else {
                        expiries.add(session, registry.deadline(session));
                    }
                }
            } catch (RuntimeException | Error e) {
                // Thrown out of the periodic task, this would cancel it and no session would ever expire again.
                LOG.log(Level.SEVERE, e, () -> "Reaping " + session + " failed; the reaper goes on");
            }
        }
    }
}
