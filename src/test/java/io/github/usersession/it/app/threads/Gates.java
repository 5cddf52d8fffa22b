package io.github.usersession.it.app.threads;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

/** Latches by name, which a held task waits on until a test's request opens them. */
@ApplicationScoped
public class Gates {

    private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();

    private CountDownLatch gate(String name) {
        return gates.computeIfAbsent(name, key -> new CountDownLatch(1));
    }

    public void open(String name) {
        gate(name).countDown();
    }

    /** Waits at most 30 s for the gate to open; true when it did. */
    public boolean await(String name) throws InterruptedException {
        return gate(name).await(30, TimeUnit.SECONDS);
    }
}
