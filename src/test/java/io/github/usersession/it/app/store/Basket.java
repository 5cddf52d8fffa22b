package io.github.usersession.it.app.store;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import io.github.usersession.UserSession;

/**
 * A session bean with plain state only: no injected proxy and no interceptor, whose serialized form Weld would
 * resolve by the deployment's name, which differs between two applications on one server.
 */
@UserSession
public class Basket implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<String> items = new ArrayList<>();

    public synchronized void add(String item) {
        items.add(item);
    }

    public synchronized List<String> items() {
        return List.copyOf(items);
    }
}
