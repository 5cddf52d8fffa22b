package io.github.usersession.samples.shop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.github.usersession.UserSessions;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The shop: GET on the context root shows the page; each form POSTs to an action that redirects back to it
 * (Post/Redirect/Get, so reloading the page never repeats an action).
 */
@WebServlet(urlPatterns = {"", ShopServlet.CART, ShopServlet.LOGIN, ShopServlet.LOGOUT})
public class ShopServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final String CART = "/cart";
    static final String LOGIN = "/login";
    static final String LOGOUT = "/logout";
    private static final Set<String> ACTIONS = Set.of(CART, LOGIN, LOGOUT);

    // Only these fixed texts reach the page through the URL, chosen by a key: never echo a query parameter.
    private static final Map<String, String> ERRORS = Map.of(
            "name", "Please enter a user name of 1 to " + Account.MAX_NAME_LENGTH + " characters.");

    @Inject
    Catalog catalog;

    @Inject
    Cart cart;

    @Inject
    Account account;

    @Inject
    OpenTabs tabs;

    @Inject
    UserSessions sessions;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        // Test for the actions rather than for the page: for the context root mapping "", servers disagree on
        // its servlet path (Payara Micro gives the "" that the spec asks for, WildFly does not).
        if (ACTIONS.contains(request.getServletPath())) {
            super.doGet(request, response);
            return;
        }
        // Without a session, show an empty cart rather than use the beans: using them would start a session,
        // and merely looking at the shop should not.
        boolean live = sessions.exists();
        List<Cart.Line> lines = live ? cart.lines() : List.of();
        ShopPage.Model model = new ShopPage.Model(request.getContextPath(), catalog.products(), lines,
                live ? cart.totalCents() : 0, live ? account.user() : Optional.empty(), sessions.current(),
                Optional.ofNullable(request.getParameter("error")).map(ERRORS::get), Instant.now());
        byte[] html = ShopPage.render(model).getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/html;charset=UTF-8");
        // The page shows the cart and who is signed in: no shared cache may keep it.
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(html.length);
        response.getOutputStream().write(html);
    }

    /*
     * Cross-site forms cannot act for the user: the session cookie is SameSite=Lax, so a browser sends it with no
     * cross-site POST. A real shop would add a CSRF token as well.
     */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String query = "";
        switch (request.getServletPath()) {
            case CART -> {
                Optional<Product> product = catalog.find(request.getParameter("product"));
                if (product.isEmpty()) {
                    response.sendError(HttpServletResponse.SC_BAD_REQUEST, "No such product");
                    return;
                }
                cart.add(product.get());
                // The other tabs of this session learn of it at once, over their live sockets.
                tabs.pushCount(cart.count());
            }
            case LOGIN -> {
                // Checked before the bean is used, so that a rejected name starts no session.
                Optional<String> name = Account.validName(request.getParameter("username"));
                if (name.isPresent()) {
                    account.signIn(name.get());
                } else {
                    query = "?error=name";
                }
            }
            case LOGOUT -> {
                if (sessions.exists()) {
                    account.signOut();
                }
            }
            default -> {
                response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
                return;
            }
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + "/" + query);
    }
}
