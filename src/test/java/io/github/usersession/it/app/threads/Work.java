package io.github.usersession.it.app.threads;

import java.util.concurrent.Callable;

import io.github.usersession.it.app.ItemCart;

/** What a task or a callback sees of the session, as text the tests compare: the cart's items, or the failure. */
public final class Work {

    private Work() {
    }

    public static String describe(ItemCart cart) {
        return attempt(() -> "items=" + cart.items());
    }

    /** The result, or "failed" with the exception's class and message. */
    public static String attempt(Callable<String> work) {
        try {
            return work.call();
        } catch (Exception e) {
            return "failed " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** The task's result on the thread that ran it. */
    public static String onThread(Callable<String> work) {
        return Thread.currentThread().getName() + " | " + attempt(work);
    }
}
