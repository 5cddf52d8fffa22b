package io.github.usersession.samples.shop;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import io.github.usersession.SessionHandle;

/** Renders the shop's only page as HTML, escaping every value that is not a literal of this class. */
final class ShopPage {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** What the page shows; {@code session} is empty when the browser has no live session. */
    record Model(String contextPath, List<Product> products, List<Cart.Line> lines, long totalCents,
            Optional<String> user, Optional<SessionHandle> session, Optional<String> error, Instant now) {
    }

    private ShopPage() {
    }

    static String render(Model model) {
        String base = escape(model.contextPath());
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Tea shop: usersession-cdi sample</title>
                <link rel="stylesheet" href="%1$s/shop.css">
                <script src="%1$s/shop.js" defer></script>
                </head>
                <body>
                <header>
                <h1>Tea shop</h1>
                <p class="badge">In your cart: <strong id="cart-count">%7$d</strong></p>
                %2$s
                </header>
                %3$s
                <main>
                %4$s
                %5$s
                %6$s
                </main>
                </body>
                </html>
                """.formatted(base, account(base, model), error(model.error()), products(base, model.products()),
                cart(model.lines(), model.totalCents()), session(base, model.session(), model.now()),
                model.lines().stream().mapToInt(Cart.Line::quantity).sum());
    }

    private static String account(String base, Model model) {
        String logout = """
                <form method="post" action="%s/logout"><button id="logout" type="submit">%s</button></form>"""
                .formatted(base, model.user().isPresent() ? "Log out" : "End session");
        if (model.user().isPresent()) {
            return "<div class=\"account\">Signed in as <strong id=\"user\">" + escape(model.user().get())
                    + "</strong>" + logout + "</div>";
        }
        return """
                <div class="account">
                <form method="post" action="%s/login">
                <label for="username">User name</label>
                <input id="username" name="username" maxlength="%d" required autocomplete="username">
                <button id="login" type="submit">Log in</button>
                </form>%s
                </div>""".formatted(base, Account.MAX_NAME_LENGTH, model.session().isPresent() ? logout : "");
    }

    private static String error(Optional<String> error) {
        return error.map(message -> "<p class=\"error\" role=\"alert\">" + escape(message) + "</p>").orElse("");
    }

    private static String products(String base, List<Product> products) {
        String items = products.stream().map(product -> """
                <li><span class="name">%2$s</span> <span class="price">%3$s</span>
                <form method="post" action="%1$s/cart"><input type="hidden" name="product" value="%4$s">\
                <button id="add-%4$s" type="submit">Add to cart</button></form></li>"""
                .formatted(base, escape(product.name()), escape(product.price()), escape(product.id())))
                .collect(Collectors.joining("\n"));
        return "<section id=\"products\">\n<h2>Products</h2>\n<ul>\n" + items + "\n</ul>\n</section>";
    }

    private static String cart(List<Cart.Line> lines, long totalCents) {
        if (lines.isEmpty()) {
            return "<section id=\"cart\">\n<h2>Your cart</h2>\n<p id=\"cart-empty\">Your cart is empty.</p>\n"
                    + "</section>";
        }
        String rows = lines.stream().map(line -> "<tr><td class=\"name\">" + escape(line.product().name())
                + "</td><td class=\"quantity\">" + line.quantity() + "</td><td class=\"price\">"
                + escape(Product.format(line.subtotalCents())) + "</td></tr>").collect(Collectors.joining("\n"));
        return """
                <section id="cart">
                <h2>Your cart</h2>
                <table id="cart-lines">
                <thead><tr><th>Product</th><th>Quantity</th><th>Price</th></tr></thead>
                <tbody>
                %s
                </tbody>
                <tfoot><tr><th colspan="2">Total</th><td class="price" id="total">%s</td></tr></tfoot>
                </table>
                </section>""".formatted(rows, escape(Product.format(totalCents)));
    }

    private static String session(String base, Optional<SessionHandle> session, Instant now) {
        if (session.isEmpty()) {
            return """
                    <section id="session">
                    <h2>Your session</h2>
                    <p id="no-session">No session: the shop starts one when you add to the cart or log in.</p>
                    </section>""";
        }
        Instant expires = session.get().expiresAt();
        long minutes = Math.max(0, Duration.between(now, expires).toMinutes());
        return """
                <section id="session">
                <h2>Your session</h2>
                <dl>
                <dt>Expires</dt>
                <dd><time id="expires" datetime="%s">%s</time> (in %d min, unless you use the shop again)</dd>
                <dt>Trace ID</dt>
                <dd><code id="trace">%s</code> (safe to log and to show: it is not the session ID)</dd>
                </dl>
                <p id="live" data-path="%s/live">Live updates: connecting&hellip;</p>
                </section>""".formatted(escape(expires.truncatedTo(ChronoUnit.SECONDS).toString()),
                escape(TIME.format(expires)), minutes, escape(session.get().traceId()), base);
    }

    /** Escapes text for HTML element content and quoted attribute values. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.appendCodePoint(c);
            }
        });
        return escaped.toString();
    }
}
