package io.github.usersession.samples.shop;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/** The products on sale: a fixed list, since the sample is about the session, not about stock. */
@ApplicationScoped
public class Catalog {

    private static final List<Product> PRODUCTS = List.of(
            new Product("green-tea", "Green tea", 450),
            new Product("earl-grey", "Earl Grey", 520),
            new Product("teapot", "Cast-iron teapot", 3900),
            new Product("cups", "Two porcelain cups", 1800));

    public List<Product> products() {
        return PRODUCTS;
    }

    public Optional<Product> find(String id) {
        return PRODUCTS.stream().filter(product -> product.id().equals(id)).findFirst();
    }
}
