package io.github.usersession.beans;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.usersession.UserSession;

/** A session bean that counts how often it is deserialized, and can be given state that cannot be serialized. */
@UserSession
public class Shelf implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final AtomicInteger READS = new AtomicInteger();

    private final List<Item> items = new ArrayList<>();

    public synchronized void put(String name) {
        items.add(new Item(name, null));
    }

    /** An item whose supplier is not Serializable: the shelf can no longer be stored for other servers. */
    public synchronized void putFromSupplier(String name) {
        items.add(new Item(name, new Supplier()));
    }

    public synchronized List<String> names() {
        return items.stream().map(item -> item.name).toList();
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        READS.incrementAndGet();
    }

    static final class Item implements Serializable {
        private static final long serialVersionUID = 1L;
        final String name;
        final Supplier supplier;

        Item(String name, Supplier supplier) {
            this.name = name;
            this.supplier = supplier;
        }
    }

    /** Not Serializable. */
    public static final class Supplier {
    }
}
