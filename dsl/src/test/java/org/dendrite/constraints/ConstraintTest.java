package org.dendrite.constraints;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import org.dendrite.Fit;
import org.dendrite.TestData;
import org.junit.jupiter.api.Test;

class ConstraintTest {

    @Test
    void maxNormKeepsEveryUnitsIncomingWeightsWithinTheBound() {
        var model = Sequential().dense(16, RELU, normal(3.0)).maxNorm(1.5).dense(1, SIGMOID).compile(adam(0.05), crossEntropy);
        model.fit(TestData.blobs(100, 13), Fit.epochs(3).verbose(0));

        var kernel = model.getWeights().get(0);                       // [inputs, units]
        double[] unitNorms = kernel.norm2(0).toDoubleVector();
        assertEquals(16, unitNorms.length);
        for (double norm : unitNorms) {
            assertTrue(norm <= 1.5 + 1e-5, "unit norm " + norm);
        }
        assertTrue(java.util.Arrays.stream(unitNorms).max().orElseThrow() > 1.4, "the bound is reached, not far undershot");
    }

    @Test
    void nonNegKeepsWeightsAtOrAboveZero() {
        var model = Sequential().dense(8, RELU, HE, nonNeg()).dense(1, SIGMOID).compile(adam(0.05), crossEntropy);
        model.fit(TestData.blobs(100, 14), Fit.epochs(2).verbose(0));
        assertTrue(model.getWeights().get(0).minNumber().doubleValue() >= 0);
    }

    @Test
    void unitNormKeepsNormsAtOne() {
        var model = Sequential().dense(8, RELU, HE).unitNorm().dense(1, SIGMOID).compile(adam(0.05), crossEntropy);
        model.fit(TestData.blobs(100, 15), Fit.epochs(2).verbose(0));
        for (double norm : model.getWeights().get(0).norm2(0).toDoubleVector()) {
            assertEquals(1.0, norm, 1e-5);
        }
    }

    @Test
    void aConstraintNeedsALayerWithWeightsBeforeIt() {
        var e = assertThrows(IllegalArgumentException.class, () -> Sequential().dense(4).dropout(0.5).maxNorm(3));
        assertEquals("maxNorm(3.0) constrains the layer before it, but layer 1 (Dropout(0.5)) has no weights", e.getMessage());
    }
}
