package io.github.usersession.internal.security;

import java.util.Map;
import java.util.function.LongSupplier;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanException;
import javax.management.MBeanInfo;
import javax.management.ReflectionException;

/**
 * The MBean {@code io.github.usersession:type=UserSessions,context=<path>}: one application's figures as read-only
 * {@code long} attributes, read when asked for. Thread-safe.
 */
// Dynamic rather than a standard MBean so that each end reason gets its attribute without a getter to add by hand.
final class SessionMonitor implements DynamicMBean {

    private final Map<String, LongSupplier> figures;
    private final MBeanInfo info;

    /** @param figures the attributes by name, in the order to list them */
    SessionMonitor(Map<String, LongSupplier> figures) {
        this.figures = figures;
        MBeanAttributeInfo[] attributes = figures.keySet().stream()
                .map(name -> new MBeanAttributeInfo(name, "long", Monitoring.describe(name), true, false, false))
                .toArray(MBeanAttributeInfo[]::new);
        info = new MBeanInfo(SessionMonitor.class.getName(), "The user sessions of one web application, counted"
                + " since it started", attributes, null, null, null);
    }

    @Override
    public Object getAttribute(String name) throws AttributeNotFoundException {
        LongSupplier figure = figures.get(name);
        if (figure == null) {
            throw new AttributeNotFoundException("No attribute '" + name + "'; there are " + figures.keySet());
        }
        return figure.getAsLong();
    }

    @Override
    public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
        throw new AttributeNotFoundException("The attribute '" + attribute.getName() + "' is read-only");
    }

    @Override
    public AttributeList getAttributes(String[] names) {
        AttributeList list = new AttributeList();
        for (String name : names) {
            LongSupplier figure = figures.get(name);
            if (figure != null) {
                list.add(new Attribute(name, figure.getAsLong()));
            }
        }
        return list;
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        return new AttributeList();
    }

    @Override
    public Object invoke(String action, Object[] params, String[] signature) throws MBeanException,
            ReflectionException {
        throw new ReflectionException(new NoSuchMethodException(action), "The MBean has no operation '" + action + "'");
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        return info;
    }
}
