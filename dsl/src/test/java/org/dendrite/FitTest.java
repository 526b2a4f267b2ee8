package org.dendrite;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class FitTest {

    @Test
    void startsFromKerasDefaults() {
        Fit defaults = Fit.defaults();
        assertEquals(1, defaults.epochs());
        assertEquals(32, defaults.batchSize());
        assertEquals(1, defaults.verbose());
        assertTrue(defaults.shuffle());
        assertEquals(0, defaults.validationSplit());
    }

    @Test
    void settingEpochsAgainKeepsEveryOtherArgument() {
        // Fit.epochs(n) used to be a static factory, so epochs(10).batch(10).epochs(20) compiled and reset the batch to
        // 32.
        Fit fit = epochs(10).batch(10).validationSplit(0.2).epochs(20);
        assertEquals(20, fit.epochs());
        assertEquals(10, fit.batchSize());
        assertEquals(0.2, fit.validationSplit());
    }

    @Test
    void refusesArgumentsKerasWouldRefuse() {
        assertEquals(
                "epochs must be at least 1, received epochs=0",
                assertThrows(IllegalArgumentException.class, () -> epochs(0)).getMessage());
        assertEquals(
                "batch size must be at least 1, received batchSize=-1",
                assertThrows(IllegalArgumentException.class, () -> Fit.defaults()
                                .batch(-1))
                        .getMessage());
    }
}
