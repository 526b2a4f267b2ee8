package org.dendrite.training;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;
import org.dendrite.datasets.Dataset;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Mini-batches over an in-memory {@link Dataset}. With shuffling on, each epoch shuffles the
 * examples once with a seed drawn from the trainer's seeded RNG, then cuts consecutive batches
 * (the last one may be smaller, as in Keras).
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
        return cut(shuffle ? data.shuffle(random.nextLong()) : data, batchSize);
    }

    @Override
    public Iterator<DataSet> inOrder() {
        return cut(data, SCORING_CHUNK);
    }

    @Override
    public int count() {
        return (data.size() + batchSize - 1) / batchSize;
    }

    private static Iterator<DataSet> cut(Dataset data, int size) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < data.size();
            }

            @Override
            public DataSet next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int end = Math.min(next + size, data.size());
                DataSet batch = data.rows(next, end).toDataSet();
                next = end;
                return batch;
            }
        };
    }
}
