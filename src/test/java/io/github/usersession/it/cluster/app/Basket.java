package io.github.usersession.it.cluster.app;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import io.github.usersession.SessionHandle;
import io.github.usersession.UserSession;
import io.github.usersession.UserSessions;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;

/**
 * Items changed in place, with no setter: the store must see the change by itself. Its {@code @PreDestroy} counts
 * under {@code predestroy:Basket:trace} and, with the items it ends with, {@code predestroy:Basket:trace:items}.
 */
@UserSession
public class Basket implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<String> items = new ArrayList<>();
    private String owner;

    @Inject
    Counters counters;

    @PostConstruct
    void created() {
        owner = CDI.current().select(UserSessions.class).get().current().map(SessionHandle::traceId).orElse("none");
        counters.add("postconstruct:Basket:" + owner);
    }

    @PreDestroy
    void destroyed() {
        counters.add("predestroy:Basket:" + owner);
        counters.add("predestroy:Basket:" + owner + ":" + String.join(",", items()));
    }

    public synchronized void add(String item) {
        items.add(item);
    }

    public synchronized List<String> items() {
        return List.copyOf(items);
    }
}
