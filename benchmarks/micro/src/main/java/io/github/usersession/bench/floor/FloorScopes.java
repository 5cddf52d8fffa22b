package io.github.usersession.bench.floor;

import java.lang.annotation.Annotation;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.context.NormalScope;
import jakarta.enterprise.context.spi.Context;
import jakarta.enterprise.context.spi.Contextual;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

/**
 * The floor under any scope that an extension adds to Weld: two contexts that do nothing but hand out one instance
 * made on first use, with no session, no ThreadLocal and no lookup. A call through the client proxy of their beans
 * costs what Weld itself spends per call on an extension's context; no implementation of {@code @UserSession} can be
 * cheaper. One scope is passivating, as {@code @UserSession} is, and one is not.
 */
public final class FloorScopes implements Extension {

    /** A passivating normal scope whose context holds one instance per bean, for the whole application. */
    @NormalScope(passivating = true)
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    public @interface PassivatingFloor {
    }

    /** The same, not passivating. */
    @NormalScope
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    public @interface NormalFloor {
    }

    void addContexts(@Observes AfterBeanDiscovery event) {
        event.addContext(new SingleInstanceContext(PassivatingFloor.class));
        event.addContext(new SingleInstanceContext(NormalFloor.class));
    }

    /** Holds the instance of the one bean of its scope in a field; enough for a benchmark with one bean per scope. */
    static final class SingleInstanceContext implements Context {
        private final Class<? extends Annotation> scope;
        private volatile Object instance;

        SingleInstanceContext(Class<? extends Annotation> scope) {
            this.scope = scope;
        }

        @Override
        public Class<? extends Annotation> getScope() {
            return scope;
        }

        @Override
        @SuppressWarnings("unchecked")
        public synchronized <T> T get(Contextual<T> contextual, CreationalContext<T> creationalContext) {
            if (instance == null) {
                instance = contextual.create(creationalContext);
            }
            return (T) instance;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get(Contextual<T> contextual) {
            return (T) instance;
        }

        @Override
        public boolean isActive() {
            return true;
        }
    }
}
