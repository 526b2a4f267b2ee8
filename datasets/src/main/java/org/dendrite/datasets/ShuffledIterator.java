package org.dendrite.datasets;

import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Mini-batches of an in-memory {@link Dataset} as a DL4J iterator, in a new seeded order after
 * every {@link #reset()} (one order per epoch). See {@link Dataset#iterator}.
 */
final class ShuffledIterator implements DataSetIterator {

    private final Dataset data;
    private final int batchSize;
    private final Random random;
    private int[] order;
    private int next;
    private DataSetPreProcessor preProcessor;

    ShuffledIterator(Dataset data, int batchSize, long seed) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, received batchSize=" + batchSize);
        }
        this.data = data;
        this.batchSize = batchSize;
        this.random = new Random(seed);
        reset();
    }

    @Override
    public DataSet next(int n) {
        if (!hasNext()) {
            throw new NoSuchElementException("the epoch's " + data.size() + " examples are used up; call reset()");
        }
        int end = Math.min(next + n, data.size());
        DataSet batch = data.select(Arrays.copyOfRange(order, next, end))
                .toDataSet(); // a gather: no shuffled copy of the whole set
        next = end;
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public boolean hasNext() {
        return next < data.size();
    }

    @Override
    public void reset() {
        order = data.order(random.nextLong());
        next = 0;
    }

    @Override
    public int inputColumns() {
        return (int) data.features().size(1);
    }

    @Override
    public int totalOutcomes() {
        return data.labelWidth();
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return true;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return null;
    }

    @Override
    public String toString() {
        return "ShuffledIterator[" + data.size() + " examples, batch " + batchSize + "]";
    }
}
