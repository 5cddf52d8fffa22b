package io.github.usersession.samples.shop;

import java.io.Serializable;
import java.util.Locale;

/** An item of the catalog; the price is in cents so that totals add up exactly. */
public record Product(String id, String name, long priceCents) implements Serializable {

    /** The price as shown in the shop, such as {@code 4.50 EUR}. */
    public String price() {
        return format(priceCents);
    }

    static String format(long cents) {
        return String.format(Locale.ROOT, "%d.%02d EUR", cents / 100, cents % 100);
    }
}
