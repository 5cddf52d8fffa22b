package io.github.usersession.it.cluster.app;

import java.io.Serializable;

/** Serializable itself, but its supplier is not. */
public class Item implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final Supplier supplier;

    public Item(String name, Supplier supplier) {
        this.name = name;
        this.supplier = supplier;
    }

    @Override
    public String toString() {
        return name + (supplier == null ? "" : " from " + supplier);
    }
}
