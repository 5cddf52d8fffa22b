package io.github.usersession.it.app.threads;

import java.util.concurrent.CompletableFuture;

import io.github.usersession.it.app.ItemCart;
import jakarta.enterprise.concurrent.Asynchronous;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** An application-scoped service with an {@code @Asynchronous} method that reads the session's cart. */
@ApplicationScoped
public class Reports {

    @Inject
    ItemCart cart;

    @Asynchronous
    public CompletableFuture<String> items() {
        return Asynchronous.Result.complete(Work.describe(cart));
    }
}
