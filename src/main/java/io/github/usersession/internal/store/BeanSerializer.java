package io.github.usersession.internal.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.util.Arrays;

/**
 * Turns a bean's instance into bytes and back with Java serialization, the contract of a passivating scope, reading
 * with the application's class loader so that records never depend on the thread that reads them.
 */
public final class BeanSerializer {

    private final ClassLoader classLoader;

    public BeanSerializer(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /**
     * The instance's state, or null when it is, byte for byte, {@code previous}: a bean that a request only read costs
     * its serialization and no copy of the bytes.
     *
     * @param beanName the bean's class name, for the message
     * @param previous the bytes last stored for the bean, or null when there are none
     * @throws IllegalStateException naming the bean and the path to the first field that cannot be serialized, such as
     *         {@code Cart.items[0].supplier: com.acme.Supplier is not Serializable}
     */
    public byte[] serializeIfChanged(Object instance, String beanName, byte[] previous) {
        // Sized for the likely case, unchanged bytes: no buffer growth, and no copy unless they differ.
        Buffer buffer = new Buffer(previous == null ? 256 : previous.length);
        try (ObjectOutputStream out = new ObjectOutputStream(buffer)) {
            out.writeObject(instance);
        } catch (NotSerializableException e) {
            throw new IllegalStateException("The @UserSession bean " + beanName + " cannot be stored for the other"
                    + " servers: " + UnserializablePath.find(instance, beanName).orElse(e.getMessage()
                    + " is not Serializable"), e);
        } catch (IOException e) {
            throw new IllegalStateException("The @UserSession bean " + beanName + " cannot be stored for the other"
                    + " servers: " + e, e);
        }
        return buffer.holds(previous) ? null : buffer.toByteArray();
    }

    /**
     * The instance that {@link #serialize} wrote.
     *
     * @throws IllegalStateException naming the bean when the bytes cannot be read, for instance after an incompatible
     *         change of its class
     */
    public Object deserialize(byte[] bytes, String beanName) {
        try (ObjectInputStream in = new ApplicationObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("The stored state of the @UserSession bean " + beanName + " cannot be read"
                    + " (" + e + "); was its class changed incompatibly? Give it a serialVersionUID.", e);
        }
    }

    private final class ApplicationObjectInputStream extends ObjectInputStream {

        ApplicationObjectInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass description) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(description.getName(), false, classLoader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(description);
            }
        }
    }

    /** A stream's bytes that can be compared where they are. */
    private static final class Buffer extends ByteArrayOutputStream {

        Buffer(int size) {
            super(size);
        }

        boolean holds(byte[] bytes) {
            return bytes != null && Arrays.equals(buf, 0, count, bytes, 0, bytes.length);
        }
    }
}
