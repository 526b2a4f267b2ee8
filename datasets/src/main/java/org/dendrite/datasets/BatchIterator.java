package org.dendrite.datasets;

import java.util.List;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * What Dendrite's DL4J iterators share: a fixed batch size, reset and background reading supported,
 * and DL4J's optional pre-processor applied to each batch. Subclasses say how a batch is read.
 */
abstract class BatchIterator implements DataSetIterator {

    private final int batchSize;
    private DataSetPreProcessor preProcessor;

    BatchIterator(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, received batchSize=" + batchSize);
        }
        this.batchSize = batchSize;
    }

    /** The next {@code n} examples, before DL4J's pre-processor. */
    abstract DataSet read(int n);

    @Override
    public final DataSet next(int n) {
        DataSet batch = read(n);
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
    }

    @Override
    public final DataSet next() {
        return next(batchSize);
    }

    @Override
    public final boolean resetSupported() {
        return true;
    }

    @Override
    public final boolean asyncSupported() {
        return true;
    }

    @Override
    public final int batch() {
        return batchSize;
    }

    @Override
    public final void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public final DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    /** No class names: labels are numbers. */
    @Override
    public final List<String> getLabels() {
        return null;
    }
}
