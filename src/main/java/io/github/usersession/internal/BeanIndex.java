package io.github.usersession.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.github.usersession.UserSession;
import jakarta.enterprise.context.spi.Contextual;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.PassivationCapable;

/**
 * The {@code @UserSession} beans of the application by a 64-bit key, which every server of a cluster derives alike:
 * records name beans by it, in 8 bytes rather than Weld's IDs of a hundred characters.
 */
// The key hashes the bean's class, types and qualifiers, not Weld's passivation ID: that ID names the deployment too,
// and the same application deployed under another name (a new version beside the old) must read the same records.
final class BeanIndex {

    private final BeanManager beanManager;
    private final Map<Object, Long> keys = new ConcurrentHashMap<>();
    /** The passivation IDs of the keys this server has met: every bean a local copy holds is among them. */
    private final Map<Long, Object> ids = new ConcurrentHashMap<>();
    private volatile Map<Long, Bean<?>> beans;

    BeanIndex(BeanManager beanManager) {
        this.beanManager = beanManager;
    }

    /** The key of a bean, by its passivation ID. */
    long key(Object passivationId) {
        Long key = keys.get(passivationId);
        if (key == null) {
            Bean<?> bean = passivationId instanceof String id ? beanManager.getPassivationCapableBean(id) : null;
            key = hash(bean == null ? String.valueOf(passivationId) : identity(bean));
            keys.put(passivationId, key);
            ids.put(key, passivationId);
        }
        return key;
    }

    /** What tells a bean from every other of the application, in words that do not depend on the deployment. */
    private static String identity(Bean<?> bean) {
        return bean.getBeanClass().getName()
                + bean.getTypes().stream().map(Type::getTypeName).sorted().collect(Collectors.joining(",", "|", "|"))
                + bean.getQualifiers().stream().map(Annotation::toString).sorted().collect(Collectors.joining(","));
    }

    /** The passivation ID of a key, or null for a bean this application does not have (any more). */
    Object passivationId(long key) {
        Object id = ids.get(key);
        if (id == null && beans().get(key) instanceof PassivationCapable capable) {
            id = capable.getId();
        }
        return id;
    }

    /** The bean's class name for messages, from a contextual or a passivation ID. */
    String name(Object contextualOrId) {
        if (contextualOrId instanceof Bean<?> bean) {
            return bean.getBeanClass().getSimpleName();
        }
        Object id = contextualOrId instanceof PassivationCapable capable ? capable.getId() : contextualOrId;
        Bean<?> bean = id instanceof String known ? beanManager.getPassivationCapableBean(known) : null;
        return bean == null ? String.valueOf(contextualOrId) : bean.getBeanClass().getSimpleName();
    }

    /** Creates, from the record, the session's instance of the bean with that key, if the application has it. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    void instantiate(StoredSession session, long key) {
        Object id = ids.get(key);
        Bean bean = id instanceof String known ? beanManager.getPassivationCapableBean(known) : beans().get(key);
        if (bean != null) {
            session.instance((Contextual) bean, beanManager.createCreationalContext(bean));
        }
    }

    private Map<Long, Bean<?>> beans() {
        Map<Long, Bean<?>> found = beans;
        if (found == null) {
            found = new HashMap<>();
            for (Bean<?> bean : beanManager.getBeans(Object.class, Any.Literal.INSTANCE)) {
                if (bean.getScope() == UserSession.class && bean instanceof PassivationCapable capable) {
                    Bean<?> clash = found.put(key(capable.getId()), bean);
                    if (clash != null) {
                        throw new IllegalStateException("The @UserSession beans " + clash.getBeanClass().getName()
                                + " and " + bean.getBeanClass().getName() + " have the same 64-bit key; rename one");
                    }
                }
            }
            beans = found;
        }
        return found;
    }

    private static long hash(String passivationId) {
        byte[] hash = Sha256.of(passivationId);
        long key = 0;
        for (int i = 0; i < 8; i++) {
            key = key << 8 | (hash[i] & 0xFF);
        }
        return key;
    }
}
