package io.github.usersession.it.support;

import java.io.File;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.usersession.it.app.Account;
import io.github.usersession.it.app.ItemCart;
import io.github.usersession.it.app.Lifecycle;
import io.github.usersession.it.app.SessionServlet;
import io.github.usersession.it.app.SlowBean;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Builds the WARs of the in-container tests around the library jar exactly as Maven packaged it.
 */
public final class Deployments {

    private Deployments() {
    }

    /** The packaged library: the jar a user drops into WEB-INF/lib. */
    public static JavaArchive library() {
        String path = System.getProperty("it.library.jar");
        if (path == null || !new File(path).isFile()) {
            throw new IllegalStateException("it.library.jar does not name the packaged library jar: " + path
                    + "; run the in-container tests with mvn verify");
        }
        return ShrinkWrap.create(ZipImporter.class, "usersession-cdi.jar").importFrom(new File(path))
                .as(JavaArchive.class);
    }

    /** A WAR with the library in WEB-INF/lib and nothing else; no web.xml, no beans.xml. */
    public static WebArchive war(String name) {
        return ShrinkWrap.create(WebArchive.class, name + ".war").addAsLibrary(library());
    }

    /** A WAR with the library and the test application's servlet, {@code /s/*}, with the beans it uses. */
    public static WebArchive servletApp(String name) {
        return war(name).addClasses(ItemCart.class, SlowBean.class, Account.class, Lifecycle.class,
                SessionServlet.class);
    }

    /** A web.xml with the given context parameters. */
    public static StringAsset webXml(Map<String, String> contextParams) {
        return webXml(contextParams, "");
    }

    /** A web.xml with the given context parameters followed by other elements of {@code <web-app>}, as XML. */
    public static StringAsset webXml(Map<String, String> contextParams, String moreXml) {
        String params = contextParams.entrySet().stream()
                .map(param -> "  <context-param><param-name>" + param.getKey() + "</param-name><param-value>"
                        + param.getValue() + "</param-value></context-param>\n")
                .collect(Collectors.joining());
        return new StringAsset("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">\n" + params
                + moreXml + "</web-app>\n");
    }
}
