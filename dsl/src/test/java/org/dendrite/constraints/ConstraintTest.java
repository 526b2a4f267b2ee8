package org.dendrite.constraints;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.Random;
import org.dendrite.TestData;
import org.dendrite.datasets.Dataset;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class ConstraintTest {

    @Test
    void maxNormKeepsEveryUnitsIncomingWeightsWithinTheBound() {
        var model = Sequential()
                .dense(16, RELU, normal(3.0))
                .maxNorm(1.5)
                .dense(1, SIGMOID)
                .compile(adam(0.05), crossEntropy);
        model.fit(TestData.blobs(100, 13), epochs(3).verbose(0));

        var kernel = model.getWeights().get(0); // [inputs, units]
        double[] unitNorms = kernel.norm2(0).toDoubleVector();
        assertEquals(16, unitNorms.length);
        for (double norm : unitNorms) {
            assertTrue(norm <= 1.5 + 1e-5, "unit norm " + norm);
        }
        assertTrue(Arrays.stream(unitNorms).max().orElseThrow() > 1.4, "the bound is reached, not far undershot");
    }

    @Test
    void onAConvolutionMaxNormBoundsEachFilter() {
        // Keras's MaxNorm(axis=[0, 1, 2]) on a (kh, kw, in, filters) kernel: one norm per filter.
        var random = new Random(21);
        double[][][][] images = new double[40][6][6][1]; // Keras's (examples, height, width, channels)
        double[][] labels = new double[40][1];
        for (int i = 0; i < 40; i++) {
            labels[i][0] = i % 2;
            for (int r = 0; r < 6; r++) {
                for (int c = 0; c < 6; c++) {
                    images[i][r][c][0] = random.nextGaussian() + (i % 2 == 1 && r < 3 ? 1 : 0);
                }
            }
        }
        var data = Dataset.of(Nd4j.create(images), Nd4j.create(labels));
        var model = Sequential()
                .input(6, 6, 1)
                .conv2d(4, 3, RELU, normal(3.0))
                .maxNorm(1.5)
                .flatten()
                .dense(1, SIGMOID)
                .compile(adam(0.05), crossEntropy);
        model.fit(data, epochs(2).verbose(0));

        var kernel = model.getWeights().get(0); // (3, 3, 1, 4)
        double[] filterNorms = kernel.reshape(9, 4).norm2(0).toDoubleVector();
        assertEquals(4, filterNorms.length);
        for (double norm : filterNorms) {
            assertTrue(norm <= 1.5 + 1e-5, "filter norm " + norm + " (one norm per filter, not per kernel position)");
        }
        assertTrue(
                Arrays.stream(filterNorms).max().orElseThrow() > 1.4,
                "the bound is reached: N(0, 9) weights start far above it");
    }

    @Test
    void aConstraintCannotBeBuiltWrong() {
        assertEquals(
                "maxNorm needs a positive norm, received -1.0",
                assertThrows(IllegalArgumentException.class, () -> maxNorm(-1)).getMessage());
        assertEquals(
                "unknown constraint, received name=\"min_norm\"; known: max_norm, non_neg, unit_norm",
                assertThrows(IllegalArgumentException.class, () -> new Constraint("min_norm", 1))
                        .getMessage());
    }

    @Test
    void nonNegKeepsWeightsAtOrAboveZero() {
        var model = Sequential().dense(8, RELU, HE, nonNeg()).dense(1, SIGMOID).compile(adam(0.05), crossEntropy);
        model.fit(TestData.blobs(100, 14), epochs(2).verbose(0));
        assertTrue(model.getWeights().get(0).minNumber().doubleValue() >= 0);
    }

    @Test
    void unitNormKeepsNormsAtOne() {
        var model = Sequential().dense(8, RELU, HE).unitNorm().dense(1, SIGMOID).compile(adam(0.05), crossEntropy);
        model.fit(TestData.blobs(100, 15), epochs(2).verbose(0));
        for (double norm : model.getWeights().get(0).norm2(0).toDoubleVector()) {
            assertEquals(1.0, norm, 1e-5);
        }
    }

    @Test
    void aConstraintNeedsALayerWithWeightsBeforeIt() {
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> Sequential().dense(4).dropout(0.5).maxNorm(3));
        assertEquals(
                "maxNorm(3.0) constrains the layer before it, but layer 1 (Dropout(0.5)) has no weights",
                e.getMessage());
    }
}
