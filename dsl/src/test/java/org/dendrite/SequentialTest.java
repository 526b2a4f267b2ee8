package org.dendrite;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.dendrite.layers.Dense;
import org.dendrite.layers.Dropout;
import org.junit.jupiter.api.Test;

class SequentialTest {

    @Test
    void isAnImmutableValueSoAPrefixCanBeExtendedTwoWays() {
        var base = Sequential().dense(8, RELU);
        var binary = base.dense(1, SIGMOID);
        var tenWay = base.dense(10, SOFTMAX);

        assertEquals(1, base.layers().size());
        assertEquals(List.of(Dense.of(8, RELU), Dense.of(1, SIGMOID)), binary.layers());
        assertEquals(Dense.of(10, SOFTMAX), tenWay.layers().get(1));
        assertThrows(UnsupportedOperationException.class, () -> base.layers().add(new Dropout(0.1)));
    }

    @Test
    void denseDefaultsAreKeras() {
        Dense dense = (Dense) Sequential().dense(5).layers().get(0);
        assertEquals(LINEAR, dense.activation());
        assertEquals(GLOROT_UNIFORM, dense.initializer());
        assertTrue(dense.useBias());
    }

    @Test
    void readsLikeTheCodeThatBuiltIt() {
        var model = Sequential().input(8).dense(12, RELU, HE).dropout(0.2).dense(1, SIGMOID);
        assertEquals(
                "Sequential[input 8 → Dense(12, relu, he_normal) → Dropout(0.2) → Dense(1, sigmoid)]",
                model.toString());
        assertEquals(
                "Sequential[Dense(3, linear, zeros, no bias)]",
                Sequential().dense(3, LINEAR, ZEROS, useBias(false)).toString());
    }

    @Test
    void rejectsNonPositiveUnitsNamingTheLayerAndValue() {
        var e = assertThrows(
                IllegalArgumentException.class, () -> Sequential().dense(4).dense(0, RELU));
        assertEquals("layer 1: Dense expects a positive number of units, received units=0", e.getMessage());
    }

    @Test
    void rejectsADropoutRateOutsideZeroToOne() {
        var e = assertThrows(
                IllegalArgumentException.class, () -> Sequential().dense(4).dropout(1.0));
        assertTrue(e.getMessage().contains("layer 1") && e.getMessage().contains("rate=1.0"), e.getMessage());
    }

    @Test
    void rejectsAnInputShapeWithZeroOrNegativeSizes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Sequential().input(0));
        assertTrue(e.getMessage().contains("[0]"), e.getMessage());
    }

    @Test
    void compileRejectsAnEmptyModel() {
        var e = assertThrows(IllegalArgumentException.class, () -> Sequential().compile(adam, mse));
        assertTrue(e.getMessage().startsWith("cannot compile an empty model"), e.getMessage());
    }

    @Test
    void compileRejectsAModelEndingInDropout() {
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> Sequential().dense(4, RELU).dropout(0.5).compile(adam, mse));
        assertEquals(
                "layer 1 (Dropout(0.5)) cannot end a model: the last layer must be dense(...) or activation(...)",
                e.getMessage());
    }
}
