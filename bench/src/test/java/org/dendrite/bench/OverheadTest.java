package org.dendrite.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The CI guard against hidden costs: Dendrite's fit stays within 10% of hand-written DL4J on Pima. */
class OverheadTest {

    @Test
    void dendriteAddsAtMostTenPercentToRawDl4jOnPima() throws Exception {
        TrainingBench.Comparison c = TrainingBench.measure(TrainingBench.pima(10), 5);
        assertTrue(c.ratio() <= 1.10, "Dendrite " + c.dendrite() + " vs raw DL4J " + c.raw() + ": ratio " + c.ratio());
    }
}
