package io.github.usersession.internal.security;

import java.lang.annotation.Annotation;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.spi.Annotated;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.InjectionPoint;

/**
 * The session figures as gauges of the application's MicroProfile Metrics registry, named
 * {@code usersession.liveSessions} and so on, tagged {@code context=<path>}. Reached reflectively: a server without
 * MicroProfile Metrics (WildFly's default configuration) must still deploy the application.
 */
final class MicroProfileMetrics {

    private static final Logger LOG = Logger.getLogger(MicroProfileMetrics.class.getName());
    private static final String API = "org.eclipse.microprofile.metrics.";

    private final Object registry;
    private final Method remove;
    private final List<Object> registered;

    private MicroProfileMetrics(Object registry, Method remove, List<Object> registered) {
        this.registry = registry;
        this.remove = remove;
        this.registered = registered;
    }

    /**
     * Registers a gauge per figure with the registry that the application's bean manager offers (CDI.current() from
     * this jar, which is no bean archive, does not see it on Payara); null when there is none or it refuses them.
     */
    static MicroProfileMetrics register(String contextPath, Map<String, LongSupplier> figures,
            BeanManager beanManager) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (beanManager == null) {
            return null;
        }
        try {
            Class<?> registryType = Class.forName(API + "MetricRegistry", true, loader);
            Class<?> tagType = Class.forName(API + "Tag", true, loader);
            Class<?> idType = Class.forName(API + "MetricID", true, loader);
            Class<?> tagsType = tagType.arrayType();
            Bean<?> bean = beanManager.resolve(beanManager.getBeans(registryType));
            if (bean == null) {
                LOG.fine("No MetricRegistry bean; the session figures are on JMX only");
                return null;
            }
            // Through an injection point of our own: Payara's producer reads its annotations to choose the registry.
            Object registry = beanManager.getInjectableReference(lookup(registryType),
                    beanManager.createCreationalContext(bean));
            Object tags = Array.newInstance(tagType, 1);
            String path = contextPath == null || contextPath.isEmpty() ? "/" : contextPath;
            Array.set(tags, 0, tagType.getConstructor(String.class, String.class).newInstance("context", path));
            Method gauge = registryType.getMethod("gauge", String.class, Object.class, Function.class, tagsType);
            Constructor<?> id = idType.getConstructor(String.class, tagsType);
            Function<LongSupplier, Long> read = LongSupplier::getAsLong;
            List<Object> registered = new ArrayList<>();
            for (Map.Entry<String, LongSupplier> figure : figures.entrySet()) {
                String name = metricName(figure.getKey());
                gauge.invoke(registry, name, figure.getValue(), read, tags);
                registered.add(id.newInstance(name, tags));
            }
            return new MicroProfileMetrics(registry, registryType.getMethod("remove", idType), registered);
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            LOG.log(Level.FINE, "MicroProfile Metrics is not available; the session figures are on JMX only", e);
            return null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, e, () -> "The session figures of the application at '" + contextPath
                    + "' could not be registered with MicroProfile Metrics; they are on JMX only");
            return null;
        }
    }

    /** The injection point of a lookup by type alone, with no annotation: the default (application) registry. */
    private static InjectionPoint lookup(Class<?> type) {
        Annotated annotated = new Annotated() {
            @Override
            public Type getBaseType() {
                return type;
            }

            @Override
            public Set<Type> getTypeClosure() {
                return Set.of(type, Object.class);
            }

            @Override
            public <T extends Annotation> T getAnnotation(Class<T> annotationType) {
                return null;
            }

            @Override
            public <T extends Annotation> Set<T> getAnnotations(Class<T> annotationType) {
                return Set.of();
            }

            @Override
            public Set<Annotation> getAnnotations() {
                return Set.of();
            }

            @Override
            public boolean isAnnotationPresent(Class<? extends Annotation> annotationType) {
                return false;
            }
        };
        return new InjectionPoint() {
            @Override
            public Type getType() {
                return type;
            }

            @Override
            public Set<Annotation> getQualifiers() {
                return Set.of(Default.Literal.INSTANCE);
            }

            @Override
            public Bean<?> getBean() {
                return null;
            }

            @Override
            public Member getMember() {
                return null;
            }

            @Override
            public Annotated getAnnotated() {
                return annotated;
            }

            @Override
            public boolean isDelegate() {
                return false;
            }

            @Override
            public boolean isTransient() {
                return false;
            }
        };
    }

    /** LiveSessions becomes usersession.liveSessions. */
    static String metricName(String attribute) {
        return "usersession." + attribute.substring(0, 1).toLowerCase(Locale.ROOT) + attribute.substring(1);
    }

    void remove() {
        for (Object id : registered) {
            try {
                remove.invoke(registry, id);
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.log(Level.FINE, "A usersession gauge could not be removed", e);
            }
        }
        registered.clear();
    }
}
