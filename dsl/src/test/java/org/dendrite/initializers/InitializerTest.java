package org.dendrite.initializers;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class InitializerTest {

    @Test
    void anInitializerCannotBeBuiltWrong() {
        var unknown = assertThrows(IllegalArgumentException.class, () -> new Initializer("xavier", Double.NaN));
        assertTrue(
                unknown.getMessage()
                        .startsWith("unknown initializer, received name=\"xavier\"; known: [constant, glorot_normal"),
                unknown.getMessage());
        assertEquals(
                "he_normal takes no value, received value=2.0",
                assertThrows(IllegalArgumentException.class, () -> new Initializer("he_normal", 2))
                        .getMessage());
        assertEquals(
                "normal expects a positive, finite stddev, received -1.0",
                assertThrows(IllegalArgumentException.class, () -> Initializer.normal(-1))
                        .getMessage());
        assertEquals(
                "constant expects a finite value, received value=Infinity",
                assertThrows(IllegalArgumentException.class, () -> Initializer.constant(Double.POSITIVE_INFINITY))
                        .getMessage());
    }

    @Test
    void theConstantsKeepTheirKerasNames() {
        assertEquals("glorot_uniform", Initializer.GLOROT_UNIFORM.toString());
        assertEquals("zeros", Initializer.ZEROS.toString());
        assertEquals("uniform(0.05)", Initializer.UNIFORM.toString());
    }
}
