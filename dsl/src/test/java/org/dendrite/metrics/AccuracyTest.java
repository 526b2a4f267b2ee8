package org.dendrite.metrics;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class AccuracyTest {

    private final Accuracy accuracy = new Accuracy();

    @Test
    void oneOutputUnitIsBinaryAccuracyAtOneHalf() {
        var p = Nd4j.createFromArray(new float[][] {{0.9f}, {0.4f}, {0.6f}, {0.1f}});
        var y = Nd4j.createFromArray(new float[][] {{1}, {0}, {0}, {0}});
        assertEquals(0.75, accuracy.compute(p, y), 1e-12);
    }

    @Test
    void severalUnitsCompareArgMaxWithOneHotRows() {
        var p = Nd4j.createFromArray(new float[][] {{0.7f, 0.2f, 0.1f}, {0.1f, 0.3f, 0.6f}});
        var y = Nd4j.createFromArray(new float[][] {{1, 0, 0}, {0, 1, 0}});
        assertEquals(0.5, accuracy.compute(p, y), 1e-12);
    }

    @Test
    void severalUnitsCompareArgMaxWithClassIndices() {
        var p = Nd4j.createFromArray(new float[][] {{0.7f, 0.2f, 0.1f}, {0.1f, 0.3f, 0.6f}});
        var y = Nd4j.createFromArray(new float[][] {{0}, {2}});
        assertEquals(1.0, accuracy.compute(p, y), 1e-12);
    }
}
