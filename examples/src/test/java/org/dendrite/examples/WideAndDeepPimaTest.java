package org.dendrite.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dendrite.Summary;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class WideAndDeepPimaTest {

    @Test
    void hasKerasLayersConnectionsAndParameterCount() {
        Summary summary = WideAndDeepPima.model().summaryTable();
        // Keras: dense 8·12 + 12 = 108; dense_1 12·8 + 8 = 104; concatenate 4 + 8 = 12 wide;
        // dense_2 12 + 1 = 13: 225 in all, four more than the tutorial's MLP (its last layer takes 8).
        assertEquals(
                List.of(
                        "wide (None, 4) 0 []",
                        "deep (None, 8) 0 []",
                        "dense (None, 12) 108 [deep[0][0]]",
                        "dense_1 (None, 8) 104 [dense[0][0]]",
                        "concatenate (None, 12) 0 [wide[0][0], dense_1[0][0]]",
                        "dense_2 (None, 1) 13 [concatenate[0][0]]"),
                summary.rows().stream()
                        .map(r -> r.name() + " " + r.outputShape() + " " + r.params() + " " + r.connectedTo())
                        .toList());
        assertEquals(225, summary.totalParams());
        assertEquals(225, WideAndDeepPima.model().graph().numParams(), "DL4J's graph holds exactly Keras's parameters");
        assertTrue(summary.toString().contains("Connected to"), summary.toString());
    }

    @Test
    @Tag("slow") // trains two networks for 150 epochs: 18 to 26 s
    void passesSeventyFivePercentOnTheHeldOutFifthBesideTheMlp() {
        WideAndDeepPima.Result result = WideAndDeepPima.run(WideAndDeepPima.EPOCHS, 0);
        String figures = "wide and deep " + result.accuracy() + ", MLP " + result.mlpAccuracy();
        assertTrue(result.accuracy() >= 0.75, figures); // 80.5% measured (124 of 154)
        assertTrue(result.mlpAccuracy() >= 0.70, figures); // 79.9% measured (123 of 154); the baseline, checked loosely
    }
}
