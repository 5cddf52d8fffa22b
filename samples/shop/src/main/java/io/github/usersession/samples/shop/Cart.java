package io.github.usersession.samples.shop;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.usersession.UserSession;

/** The shopping cart: one per user session, kept across login and gone at logout. */
@UserSession
public class Cart implements Serializable {

    private static final long serialVersionUID = 1L;

    // Guarded by this: two tabs of one browser share the session, so their requests may run at once.
    private final Map<Product, Integer> quantities = new LinkedHashMap<>();

    public synchronized void add(Product product) {
        quantities.merge(product, 1, Integer::sum);
    }

    /** How many items the cart holds, counting each unit. */
    public synchronized int count() {
        return quantities.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The lines in the order their products were first added. */
    public synchronized List<Line> lines() {
        return quantities.entrySet().stream().map(entry -> new Line(entry.getKey(), entry.getValue())).toList();
    }

    public synchronized long totalCents() {
        return quantities.entrySet().stream().mapToLong(entry -> entry.getKey().priceCents() * entry.getValue())
                .sum();
    }

    /** A product and how many of it the cart holds. */
    public record Line(Product product, int quantity) {

        public long subtotalCents() {
            return product.priceCents() * quantity;
        }
    }
}
