package org.dendrite.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Normalizers learn their statistics from the training part and scale any part with them. */
class NormalizerTest {

    private final Dataset.Split parts = Datasets.pima().split(0.8, 7);

    @Test
    void standardizeGivesTheTrainingPartMeanZeroAndUnitDeviation() {
        var scaler = Normalizer.standardize().fit(parts.train());
        Dataset scaled = scaler.apply(parts.train());
        for (double mean : scaled.features().mean(0).toDoubleVector()) {
            assertEquals(0, mean, 1e-4);
        }
        for (double std : scaled.features().std(false, 0).toDoubleVector()) {
            assertEquals(1, std, 1e-3);
        }
        assertEquals(parts.train().labels(), scaled.labels(), "labels are left alone");
        assertEquals("Normalizer[standardize, fitted on 614 examples, 8 features]", scaler.toString());
    }

    @Test
    void minMaxMapsTheTrainingRangeOntoZeroToOne() {
        var scaler = Normalizer.minMax().fit(parts.train());
        var x = scaler.apply(parts.train()).features();
        assertArrayEquals(new double[8], x.min(0).toDoubleVector(), 1e-6);
        assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1, 1, 1}, x.max(0).toDoubleVector(), 1e-6);
        assertTrue(
                scaler.apply(parts.test()).features().mean(0).sumNumber().doubleValue() != 0,
                "the test part is scaled with the training statistics, not its own");
    }

    @Test
    void applyLeavesItsInputUnchanged() {
        var before = parts.test().features().dup();
        Normalizer.standardize().fit(parts.train()).apply(parts.test());
        assertEquals(before, parts.test().features());
    }

    @Test
    void survivesJavaSerialisation() throws IOException, ClassNotFoundException {
        var scaler = Normalizer.standardize().fit(parts.train());
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(scaler);
        }
        Normalizer copy;
        try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (Normalizer) in.readObject();
        }
        assertEquals(
                scaler.apply(parts.test().features()), copy.apply(parts.test().features()));
    }

    @Test
    void anUnfittedOrMismatchedNormalizerIsRefused() {
        var unfitted = assertThrows(
                IllegalStateException.class, () -> Normalizer.minMax().apply(parts.test()));
        assertTrue(unfitted.getMessage().contains("has not been fitted: call fit(trainingData) first"));
        var scaler = Normalizer.standardize().fit(parts.train());
        var wide = assertThrows(IllegalArgumentException.class, () -> scaler.apply(Nd4j.zeros(3, 5)));
        assertEquals("the normalizer was fitted on 8 features, but the data has 5", wide.getMessage());
    }
}
