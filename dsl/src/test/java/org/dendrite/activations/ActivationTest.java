package org.dendrite.activations;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationGELU;
import org.nd4j.linalg.activations.impl.ActivationHardSigmoid;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSoftSign;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;
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
    void hardSigmoidSeluSwishSoftmaxAndGeluHaveTheirKnownValues() {
        assertEquals(0.7, at(Activation.HARD_SIGMOID, 1), 1e-7, "clip(0.2x + 0.5, 0, 1)");
        assertEquals(1.0, at(Activation.HARD_SIGMOID, 3), 0);
        assertEquals(1.0507009873554805, at(Activation.SELU, 1), 1e-6, "SELU's scale λ");
        assertEquals(1 / (1 + Math.exp(-1)), at(Activation.SWISH, 1), 1e-7, "x · sigmoid(x) at 1");
        assertEquals(1.0, at(Activation.SOFTMAX, 4), 1e-12, "softmax over one value");
        assertEquals(0.0, at(Activation.GELU, 0), 1e-12);
    }

    @Test
    void everyNameMapsToTheDl4jFunctionOfThatName() {
        Map<Activation, Class<? extends IActivation>> expected = Map.ofEntries(
                Map.entry(Activation.LINEAR, ActivationIdentity.class),
                Map.entry(Activation.SIGMOID, ActivationSigmoid.class),
                Map.entry(Activation.HARD_SIGMOID, ActivationHardSigmoid.class),
                Map.entry(Activation.TANH, ActivationTanH.class),
                Map.entry(Activation.RELU, ActivationReLU.class),
                Map.entry(Activation.LEAKY_RELU, ActivationLReLU.class),
                Map.entry(Activation.ELU, ActivationELU.class),
                Map.entry(Activation.SELU, ActivationSELU.class),
                Map.entry(Activation.SOFTPLUS, ActivationSoftPlus.class),
                Map.entry(Activation.SOFTSIGN, ActivationSoftSign.class),
                Map.entry(Activation.SOFTMAX, ActivationSoftmax.class),
                Map.entry(Activation.SWISH, ActivationSwish.class),
                Map.entry(Activation.GELU, ActivationGELU.class));
        assertEquals(
                Activation.NAMES,
                expected.keySet().stream().map(Activation::name).collect(Collectors.toSet()),
                "one constant for each name");
        expected.forEach((f, type) -> assertEquals(type, f.toDl4j().getClass(), f.toString()));
        assertEquals(0.3, ((ActivationLReLU) Activation.LEAKY_RELU.toDl4j()).getAlpha(), 0);
        assertEquals(0.1, ((ActivationLReLU) Activation.leakyRelu(0.1).toDl4j()).getAlpha(), 0);
        assertEquals(0.5, ((ActivationELU) Activation.elu(0.5).toDl4j()).getAlpha(), 0);
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
        assertTrue(
                unknown.getMessage().startsWith("unknown activation, received name=\"rleu\"; known: [elu, gelu"),
                unknown.getMessage());
        assertEquals(
                "relu takes no alpha, received alpha=5.0",
                assertThrows(IllegalArgumentException.class, () -> new Activation("relu", 5))
                        .getMessage());
        assertEquals(
                "elu expects a finite alpha, received alpha=NaN",
                assertThrows(IllegalArgumentException.class, () -> new Activation("elu", Double.NaN))
                        .getMessage());
    }
}
