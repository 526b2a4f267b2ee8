package org.dendrite.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QuadrantsTest {

    @Test
    void twoTwoIsInQuadrantOne() {
        Quadrants.Result result = Quadrants.classify(2, 2);
        assertEquals("I", result.name());
        float sum = 0;
        for (float p : result.probabilities()) {
            sum += p;
        }
        assertEquals(1f, sum, 1e-5, "softmax outputs are probabilities");
        assertTrue(result.probabilities()[0] > 0.9, "P(I) = " + result.probabilities()[0]);
    }
}
