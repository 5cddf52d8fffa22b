package io.github.usersession.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A bean's state is bytes only when they differ from what was stored, and always bytes that read back. */
class BeanSerializerTest {

    private final BeanSerializer serializer = new BeanSerializer(BeanSerializerTest.class.getClassLoader());

    @Test
    void aBeanWhoseBytesAreUnchangedGivesNothingToWrite() {
        Cart cart = new Cart();
        cart.items.add("tea");
        byte[] stored = serializer.serializeIfChanged(cart, "Cart", null);

        assertNotNull(stored);
        assertNull(serializer.serializeIfChanged(cart, "Cart", stored));
    }

    @Test
    void aMutatedBeanGivesItsNewBytesWithoutASetter() {
        Cart cart = new Cart();
        byte[] stored = serializer.serializeIfChanged(cart, "Cart", null);
        cart.items.add("tea");

        byte[] changed = serializer.serializeIfChanged(cart, "Cart", stored);

        assertNotNull(changed);
        assertEquals(List.of("tea"), ((Cart) serializer.deserialize(changed, "Cart")).items);
    }

    @Test
    void bytesThatOnlyBeginTheSameAreAChange() {
        Cart cart = new Cart();
        byte[] stored = serializer.serializeIfChanged(cart, "Cart", null);
        byte[] longer = Arrays.copyOf(stored, stored.length + 1);
        byte[] shorter = Arrays.copyOf(stored, stored.length - 1);

        assertNotNull(serializer.serializeIfChanged(cart, "Cart", longer));
        assertNotNull(serializer.serializeIfChanged(cart, "Cart", shorter));
    }

    @Test
    void anUnserializableFieldIsNamedWithItsPath() {
        Cart cart = new Cart();
        cart.supplier = new Object();

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> serializer.serializeIfChanged(cart, "Cart", null));

        assertTrue(e.getMessage().contains("Cart.supplier: java.lang.Object is not Serializable"), e.getMessage());
    }

    static final class Cart implements Serializable {
        private static final long serialVersionUID = 1L;
        final List<String> items = new ArrayList<>();
        Object supplier;
    }
}
