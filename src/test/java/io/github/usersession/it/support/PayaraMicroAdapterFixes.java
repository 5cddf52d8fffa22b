package io.github.usersession.it.support;

import java.lang.reflect.Field;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.event.container.AfterDeploy;
import org.jboss.arquillian.container.spi.event.container.AfterUnDeploy;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Two fixes for the Payara Micro adapter (fish.payara.arquillian 3.1), which it needs for honest tests: it reports a
 * deployment that Payara refused as a success, and it returns from undeploy before the server has let go of its
 * ports. Both read private fields of the adapter, so check them when upgrading it.
 */
public class PayaraMicroAdapterFixes implements LoadableExtension {

    private static final String ADAPTER = "fish.payara.arquillian.container.payara.managed.PayaraMicroDeployableContainer";
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[;\\d]*m");
    private static final Pattern DEPLOYED = Pattern.compile("\"Name\": \"([^\"]+)\"");

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(Fixes.class);
    }

    /** The observers; Arquillian instantiates this class itself. */
    public static class Fixes {

        /** Payara Micro keeps running when an application fails to deploy, and lists it as not deployed. */
        public void failWhenNotDeployed(@Observes AfterDeploy event) throws DeploymentException {
            DeployableContainer<?> container = event.getDeployableContainer();
            if (!ADAPTER.equals(container.getClass().getName()) || !event.getDeployment().isArchiveDeployment()) {
                return;
            }
            String log = ANSI.matcher(String.valueOf(field(container, "log"))).replaceAll("");
            String archive = event.getDeployment().getArchive().getName();
            String application = archive.replaceFirst("\\.war$", "");
            int summary = log.indexOf("Instance Configuration");
            if (summary >= 0) {
                Matcher deployed = DEPLOYED.matcher(log.substring(summary));
                while (deployed.find()) {
                    if (deployed.group(1).equals(application)) {
                        return;
                    }
                }
            }
            throw new DeploymentException("Payara Micro did not deploy " + archive + "; its log says:\n"
                    + (summary >= 0 ? log.substring(0, summary) : log));
        }

        /** The next test class starts a server on the same ports, so wait until this one has exited. */
        public void awaitExit(@Observes AfterUnDeploy event) throws InterruptedException {
            DeployableContainer<?> container = event.getDeployableContainer();
            if (ADAPTER.equals(container.getClass().getName())
                    && field(container, "payaraMicroProcess") instanceof Process process
                    && !process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }

        private static Object field(Object target, String name) {
            try {
                Field field = target.getClass().getDeclaredField(name);
                field.setAccessible(true);
                return field.get(target);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("The Payara Micro adapter has no field " + name
                        + " any more: update " + PayaraMicroAdapterFixes.class.getName(), e);
            }
        }
    }
}
