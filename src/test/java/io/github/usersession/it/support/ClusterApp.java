package io.github.usersession.it.support;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.usersession.it.app.Account;
import io.github.usersession.it.cluster.app.Basket;
import io.github.usersession.it.cluster.app.Cart;
import io.github.usersession.it.cluster.app.ClusterServlet;
import io.github.usersession.it.cluster.app.Counters;
import io.github.usersession.it.cluster.app.Item;
import io.github.usersession.it.cluster.app.Profile;
import io.github.usersession.it.cluster.app.Supplier;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The application of the cluster tests: the library, {@link ClusterServlet} on {@code /c/*} with its beans, and a
 * web.xml that puts the sessions in Hazelcast ({@code usersession.store=hazelcast}) plus the given parameters.
 */
public final class ClusterApp {

    private ClusterApp() {
    }

    public static WebArchive war(String name, Map<String, String> contextParams) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("usersession.store", "hazelcast");
        params.putAll(contextParams);
        return Deployments.war(name)
                .addClasses(ClusterServlet.class, Counters.class, Basket.class, Profile.class, Cart.class, Item.class,
                        Supplier.class, Account.class)
                .setWebXML(Deployments.webXml(params));
    }
}
