package org.dendrite.internal.training;

import java.util.Iterator;
import java.util.Random;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Where one epoch's mini-batches come from: an in-memory data set or a DL4J iterator. Batches are
 * DL4J's multi-input, multi-output form (one feature array per model input, one label array per
 * output), which both kinds of network take.
 */
public interface Batches {

    /** The batches of one epoch, in the order to train on them. */
    Iterator<MultiDataSet> epoch(Random random);

    /** The same examples in a fixed order, in chunks sized for scoring (no shuffling). */
    Iterator<MultiDataSet> inOrder();

    /** Batches per epoch, or -1 while unknown. */
    int count();

    /**
     * Where the epochs stand in a pass over the data that goes on from one epoch to the next
     * ({@code stepsPerEpoch}), for a backup; null when each epoch starts a fresh pass.
     */
    default java.io.Serializable position() {
        return null;
    }

    /** Goes on from {@code position} (from {@link #position()}) at the next epoch. */
    default void resumeAt(java.io.Serializable position) {}
}
