package org.dendrite.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class XorTest {

    @Test
    void learnsAllFourCases() {
        Xor.Result result = Xor.run();
        assertEquals(4, result.correct(), result.outputs().toString());
        assertTrue(result.finalLoss() < 0.1, "final loss " + result.finalLoss());
    }
}
