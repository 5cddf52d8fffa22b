package io.github.usersession.it.app;

import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The same cart, seen through JAX-RS. */
@Path("cart")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class CartResource {

    @Inject
    ItemCart cart;

    @GET
    public String items() {
        return "items=" + cart.items();
    }

    @POST
    public String add(@FormParam("item") String item) {
        cart.add(item);
        List<String> items = cart.items();
        return "items=" + items;
    }
}
