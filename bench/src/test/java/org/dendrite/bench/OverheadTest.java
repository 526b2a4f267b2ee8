package org.dendrite.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The CI guard against hidden costs: Dendrite's fit stays within 10% of hand-written DL4J on Pima. */
@Tag("timing") // compares two wall-clock times
@Tag("slow") // 4.9 s
class OverheadTest {

    @Test
    void dendriteAddsAtMostTenPercentToRawDl4jOnPima() throws Exception {
        TrainingBench.Comparison c = TrainingBench.measure(TrainingBench.pima(10), 5);
        assertTrue(c.ratio() <= 1.10, "Dendrite " + c.dendrite() + " vs raw DL4J " + c.raw() + ": ratio " + c.ratio());
    }
}
