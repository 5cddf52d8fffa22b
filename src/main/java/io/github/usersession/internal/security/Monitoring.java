package io.github.usersession.internal.security;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.github.usersession.SessionEndReason;
import io.github.usersession.internal.SessionRegistry;
import jakarta.enterprise.inject.spi.BeanManager;

/**
 * Publishes one application's session figures while it runs: over JMX, and in MicroProfile Metrics where the server
 * has it. Neither can fail a deployment: a figure that cannot be published is logged and left out.
 */
public final class Monitoring {

    private static final Logger LOG = Logger.getLogger(Monitoring.class.getName());
    private static final String ENDED_BY = "EndedBy";

    private final ObjectName name;
    private final MicroProfileMetrics metrics;

    private Monitoring(ObjectName name, MicroProfileMetrics metrics) {
        this.name = name;
        this.metrics = metrics;
    }

    /**
     * Publishes the figures of the application at {@code contextPath} ("" for the root), over MicroProfile Metrics
     * too when the application's bean manager offers a metric registry.
     */
    public static Monitoring start(String contextPath, SessionRegistry registry, BeanManager beanManager) {
        Map<String, LongSupplier> figures = figures(registry);
        return new Monitoring(registerMBean(contextPath, figures),
                MicroProfileMetrics.register(contextPath, figures, beanManager));
    }

    /** Takes the figures down again; harmless when called twice. */
    public synchronized void stop() {
        if (name != null) {
            try {
                MBeanServer server = ManagementFactory.getPlatformMBeanServer();
                if (server.isRegistered(name)) {
                    server.unregisterMBean(name);
                }
            } catch (JMException | RuntimeException e) {
                LOG.log(Level.WARNING, e, () -> "The MBean " + name + " could not be unregistered");
            }
        }
        if (metrics != null) {
            metrics.remove();
        }
    }

    /** The figures by attribute name: LiveSessions, SessionsCreated, ..., then EndedBy each reason. */
    static Map<String, LongSupplier> figures(SessionRegistry registry) {
        SessionStatistics statistics = registry.statistics();
        Map<String, LongSupplier> figures = new LinkedHashMap<>();
        figures.put("LiveSessions", registry::count);
        figures.put("SessionsCreated", statistics::sessionsCreated);
        figures.put("SessionsEnded", statistics::sessionsEnded);
        figures.put("SessionIdsRejected", statistics::sessionIdsRejected);
        figures.put("CapRefusals", statistics::capRefusals);
        for (SessionEndReason reason : SessionEndReason.values()) {
            figures.put(ENDED_BY + camelCase(reason.name()), () -> statistics.sessionsEnded(reason));
        }
        return figures;
    }

    /** The MBean's name for the application, quoted only when the path holds a character that needs it. */
    static ObjectName objectName(String contextPath) throws JMException {
        String path = contextPath == null || contextPath.isEmpty() ? "/" : contextPath;
        String value = path.matches("[^,=:\"*?\\\\\\n]*") ? path : ObjectName.quote(path);
        return new ObjectName("io.github.usersession:type=UserSessions,context=" + value);
    }

    static String describe(String figure) {
        return switch (figure) {
            case "LiveSessions" -> "Sessions live now";
            case "SessionsCreated" -> "Sessions created since the application started";
            case "SessionsEnded" -> "Sessions ended since the application started, for any reason";
            case "SessionIdsRejected" -> "Requests that presented a well-formed ID naming no live session";
            case "CapRefusals" -> "Sessions not started because usersession.max-sessions were live";
            default -> "Sessions ended with the reason " + figure.substring(ENDED_BY.length());
        };
    }

    /** IDLE_TIMEOUT becomes IdleTimeout. */
    static String camelCase(String constant) {
        StringBuilder name = new StringBuilder();
        for (String word : constant.split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }

    private static ObjectName registerMBean(String contextPath, Map<String, LongSupplier> figures) {
        try {
            ObjectName name = objectName(contextPath);
            ManagementFactory.getPlatformMBeanServer().registerMBean(new SessionMonitor(figures), name);
            return name;
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "The usersession MBean of the application at '" + contextPath
                    + "' could not be registered; its figures are not published over JMX");
            return null;
        }
    }
}
