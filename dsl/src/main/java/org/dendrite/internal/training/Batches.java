package org.dendrite.internal.training;

import java.util.Iterator;
import java.util.Random;
import org.nd4j.linalg.dataset.DataSet;

/** Where one epoch's mini-batches come from: an in-memory data set or a DL4J iterator. */
public interface Batches {

    /** The batches of one epoch, in the order to train on them. */
    Iterator<DataSet> epoch(Random random);

    /** The same examples in a fixed order, in chunks sized for scoring (no shuffling). */
    Iterator<DataSet> inOrder();

    /** Batches per epoch, or -1 while unknown. */
    int count();
}
