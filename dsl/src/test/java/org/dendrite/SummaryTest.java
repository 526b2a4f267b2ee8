package org.dendrite;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void pimaNetHasKerasParameterCounts() {
        var summary = Sequential()
                .input(8)
                .dense(12, RELU, HE)
                .dense(8, RELU)
                .dense(1, SIGMOID)
                .compile(adam, crossEntropy)
                .summaryTable();

        assertEquals(
                List.of(108L, 104L, 9L),
                summary.rows().stream().map(Summary.Row::params).toList());
        assertEquals(221, summary.totalParams());
        assertEquals(221, summary.trainableParams());
        assertEquals(0, summary.nonTrainableParams());
        assertEquals(
                List.of("dense", "dense_1", "dense_2"),
                summary.rows().stream().map(Summary.Row::name).toList());
        assertEquals(
                List.of("(None, 12)", "(None, 8)", "(None, 1)"),
                summary.rows().stream().map(Summary.Row::outputShape).toList());
    }

    @Test
    void printsAKerasStyleTable() {
        String table = Sequential()
                .input(784)
                .dense(512, RELU)
                .dropout(0.2)
                .dense(10, SOFTMAX)
                .compile(rmsprop, crossEntropy)
                .summaryTable()
                .toString();

        assertTrue(table.contains(" dense (Dense)               (None, 512)               401,920\n"), table);
        assertTrue(table.contains(" dropout (Dropout)           (None, 512)               0\n"), table);
        assertTrue(table.contains(" dense_1 (Dense)             (None, 10)                5,130\n"), table);
        assertTrue(table.contains("Total params: 407,050\n"), table);
    }

    @Test
    void biaslessLayersCountOnlyTheKernel() {
        assertEquals(
                12,
                Sequential()
                        .input(3)
                        .dense(4, RELU, HE, useBias(false))
                        .dense(1)
                        .compile(adam, mse)
                        .summaryTable()
                        .rows()
                        .get(0)
                        .params());
    }

    @Test
    void needsAKnownInputShape() {
        var model = Sequential().dense(1).compile(adam, mse);
        var e = assertThrows(IllegalStateException.class, model::summaryTable);
        assertTrue(e.getMessage().contains("input(n)"), e.getMessage());
    }
}
