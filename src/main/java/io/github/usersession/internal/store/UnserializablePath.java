package io.github.usersession.internal.store;

import java.io.Serializable;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds where in an object graph serialization fails: the JDK only names the class of the object it could not write,
 * which in a bean of a hundred fields says little about which one.
 */
// Follows what default serialization writes: non-static, non-transient fields, and the elements of collections, maps
// and arrays, which most collections write through their own writeObject. Classes with other custom serialization may
// be misjudged; the JDK's message is then the fallback.
final class UnserializablePath {

    private static final int MAX_DEPTH = 32;

    private UnserializablePath() {
    }

    /** "Cart.items[0].supplier: com.acme.Supplier is not Serializable", or empty when no such field is found. */
    static Optional<String> find(Object root, String rootName) {
        return find(root, rootName, new IdentityHashMap<>(), 0);
    }

    private static Optional<String> find(Object value, String path, Map<Object, Boolean> seen, int depth) {
        if (value == null || depth > MAX_DEPTH || seen.put(value, Boolean.TRUE) != null) {
            return Optional.empty();
        }
        Class<?> type = value.getClass();
        if (type.isArray()) {
            if (type.getComponentType().isPrimitive()) {
                return Optional.empty();
            }
            for (int i = 0; i < Array.getLength(value); i++) {
                Optional<String> found = find(Array.get(value, i), path + "[" + i + "]", seen, depth + 1);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        if (!(value instanceof Serializable)) {
            return Optional.of(path + ": " + type.getName() + " is not Serializable");
        }
        if (value instanceof Collection<?> collection) {
            int i = 0;
            for (Object element : collection) {
                Optional<String> found = find(element, path + "[" + i++ + "]", seen, depth + 1);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Optional<String> found = find(entry.getKey(), path + ".key(" + entry.getKey() + ")", seen, depth + 1)
                        .or(() -> find(entry.getValue(), path + "[" + entry.getKey() + "]", seen, depth + 1));
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        return findInFields(value, type, path, seen, depth);
    }

    private static Optional<String> findInFields(Object value, Class<?> type, String path, Map<Object, Boolean> seen,
            int depth) {
        for (Class<?> declaring = type; declaring != null && declaring != Object.class;
                declaring = declaring.getSuperclass()) {
            for (Field field : declaring.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers) || field.getType().isPrimitive()) {
                    continue;
                }
                Object fieldValue;
                try {
                    field.setAccessible(true);
                    fieldValue = field.get(value);
                } catch (InaccessibleObjectException | IllegalAccessException e) {
                    continue; // a JDK class, which serializes itself
                }
                Optional<String> found = find(fieldValue, path + "." + field.getName(), seen, depth + 1);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
