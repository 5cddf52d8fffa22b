package io.github.usersession.it.cluster.app;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import io.github.usersession.UserSession;

/** A bean whose state can hold what Java serialization refuses: an {@link Item} with a {@link Supplier}. */
@UserSession
public class Cart implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<Item> items = new ArrayList<>();

    public synchronized void add(Item item) {
        items.add(item);
    }

    public synchronized int size() {
        return items.size();
    }
}
