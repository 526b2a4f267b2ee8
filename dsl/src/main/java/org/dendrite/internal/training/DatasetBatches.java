package org.dendrite.internal.training;

import java.util.Iterator;
import java.util.Random;
import org.dendrite.datasets.Dataset;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Mini-batches over an in-memory {@link Dataset}. With shuffling on, each epoch puts the examples
 * in an order drawn from the trainer's seeded RNG and gathers each batch in that order (the last
 * one may be smaller, as in Keras); see {@link Dataset#shuffledBatches}.
 */
public final class DatasetBatches implements Batches {

    private static final int SCORING_CHUNK = 1024;

    private final Dataset data;
    private final int batchSize;
    private final boolean shuffle;

    public DatasetBatches(Dataset data, int batchSize, boolean shuffle) {
        this.data = data;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
    }

    @Override
    public Iterator<DataSet> epoch(Random random) {
        return asDataSets(shuffle ? data.shuffledBatches(batchSize, random.nextLong()) : data.batches(batchSize));
    }

    @Override
    public Iterator<DataSet> inOrder() {
        return asDataSets(data.batches(SCORING_CHUNK));
    }

    @Override
    public int count() {
        return (data.size() + batchSize - 1) / batchSize;
    }

    private static Iterator<DataSet> asDataSets(Iterator<Dataset> batches) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return batches.hasNext();
            }

            @Override
            public DataSet next() {
                return batches.next().toDataSet();
            }
        };
    }
}
