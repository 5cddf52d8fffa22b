package io.github.usersession.it.cluster.app;

/** Not Serializable, on purpose. */
public class Supplier {

    private final String name;

    public Supplier(String name) {
        this.name = name;
    }

    @Override
    public String toString() {
        return name;
    }
}
