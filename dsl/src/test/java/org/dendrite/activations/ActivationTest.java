package org.dendrite.activations;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class ActivationTest {

    private static double at(Activation f, double x) {
        return f.toDl4j().getActivation(Nd4j.scalar(x).reshape(1, 1), false).getDouble(0);
    }

    @Test
    void mapsToDl4jFunctionsWithTheKnownValues() {
        assertEquals(0.5, at(Activation.SIGMOID, 0), 1e-12);
        assertEquals(0.0, at(Activation.RELU, -3), 0);
        assertEquals(-0.9, at(Activation.LEAKY_RELU, -3), 1e-12, "Keras's LeakyReLU slope 0.3");
        assertEquals(Math.exp(-1) - 1, at(Activation.ELU, -1), 1e-12);
        assertEquals(Math.log(2), at(Activation.SOFTPLUS, 0), 1e-7);
        assertEquals(Math.tanh(0.5), at(Activation.TANH, 0.5), 1e-7);
        assertEquals(0.5, at(Activation.SOFTSIGN, 1), 1e-12);
        assertEquals(-2.5, at(Activation.LINEAR, -2.5), 0);
    }

    @Test
    void everyConstantHasADl4jCounterpart() {
        for (var f : new Activation[] {Activation.LINEAR, Activation.SIGMOID, Activation.HARD_SIGMOID, Activation.TANH,
                Activation.RELU, Activation.LEAKY_RELU, Activation.ELU, Activation.SELU, Activation.SOFTPLUS,
                Activation.SOFTSIGN, Activation.SOFTMAX, Activation.SWISH, Activation.GELU}) {
            assertNotNull(f.toDl4j(), f.toString());
        }
    }

    @Test
    void printsKerasNames() {
        assertEquals("relu", Activation.RELU.toString());
        assertEquals("leaky_relu", Activation.LEAKY_RELU.toString());
        assertEquals("leaky_relu(0.1)", Activation.leakyRelu(0.1).toString());
    }

    @Test
    void anActivationCannotBeBuiltWrong() {
        var unknown = assertThrows(IllegalArgumentException.class, () -> new Activation("rleu", Double.NaN));
        assertTrue(unknown.getMessage().startsWith("unknown activation, received name=\"rleu\"; known: [elu, gelu"), unknown.getMessage());
        assertEquals("relu takes no alpha, received alpha=5.0",
                assertThrows(IllegalArgumentException.class, () -> new Activation("relu", 5)).getMessage());
        assertEquals("elu expects a finite alpha, received alpha=NaN",
                assertThrows(IllegalArgumentException.class, () -> new Activation("elu", Double.NaN)).getMessage());
    }
}
