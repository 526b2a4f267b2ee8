package org.dendrite.datasets;

import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.Random;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Mini-batches of an in-memory {@link Dataset} as a DL4J iterator, in a new seeded order after
 * every {@link #reset()} (one order per epoch). See {@link Dataset#iterator}.
 */
final class ShuffledIterator extends BatchIterator {

    private final Dataset data;
    private final Random random;
    private int[] order;
    private int next;

    ShuffledIterator(Dataset data, int batchSize, long seed) {
        super(batchSize);
        this.data = data;
        this.random = new Random(seed);
        reset();
    }

    @Override
    DataSet read(int n) {
        if (!hasNext()) {
            throw new NoSuchElementException("the epoch's " + data.size() + " examples are used up; call reset()");
        }
        int end = Math.min(next + n, data.size());
        DataSet batch = data.select(Arrays.copyOfRange(order, next, end))
                .toDataSet(); // a gather: no shuffled copy of the whole set
        next = end;
        return batch;
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
    public String toString() {
        return "ShuffledIterator[" + data.size() + " examples, batch " + batch() + "]";
    }
}
