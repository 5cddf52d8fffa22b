package io.github.usersession.internal.store;

import java.util.concurrent.atomic.AtomicInteger;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.spi.tenantcontrol.DestroyEventContext;
import com.hazelcast.spi.tenantcontrol.TenantControl;
import com.hazelcast.spi.tenantcontrol.TenantControlFactory;
import com.hazelcast.spi.tenantcontrol.Tenantable;

/**
 * A tenant control factory that behaves as Payara's does for what matters here: it attaches a tenant to a distributed
 * object made on a thread of the application, which an inheritable thread-local marks, as Payara's component
 * invocation does, and none otherwise. Registered for the unit tests' members in META-INF/services.
 */
public class InheritedTenants implements TenantControlFactory {

    /** Marks a thread of the application; the threads it starts inherit the mark. */
    static final InheritableThreadLocal<Boolean> APPLICATION = new InheritableThreadLocal<>();
    /** How often a tenant was set around an operation, on any member of this JVM. */
    static final AtomicInteger SET = new AtomicInteger();

    @Override
    public TenantControl saveCurrentTenant() {
        return Boolean.TRUE.equals(APPLICATION.get()) ? new Tenant() : TenantControl.NOOP_TENANT_CONTROL;
    }

    @Override
    public boolean isClassesAlwaysAvailable() {
        return false;
    }

    /** Counts each time Hazelcast sets it; replicated to the other members like Payara's. */
    public static class Tenant implements TenantControl {

        @Override
        public Closeable setTenant() {
            SET.incrementAndGet();
            return () -> { };
        }

        @Override
        public void registerObject(DestroyEventContext destroyEventContext) {
        }

        @Override
        public void unregisterObject() {
        }

        @Override
        public boolean isAvailable(Tenantable tenantable) {
            return true;
        }

        @Override
        public void clearThreadContext() {
        }

        @Override
        public void writeData(ObjectDataOutput out) {
        }

        @Override
        public void readData(ObjectDataInput in) {
        }
    }
}
