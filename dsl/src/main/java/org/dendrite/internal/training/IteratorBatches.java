package org.dendrite.internal.training;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.function.ObjIntConsumer;
import java.util.function.UnaryOperator;
import org.dendrite.runtime.PrefetchingIterator;
import org.nd4j.linalg.dataset.AsyncDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Mini-batches from a DL4J iterator, reset before every pass; its own order is kept (no
 * reshuffle). An iterator that allows it is read ahead on a background thread.
 */
public final class IteratorBatches implements Batches {

    private final DataSetIterator iterator;
    private final UnaryOperator<DataSet> prepare;
    private final ObjIntConsumer<DataSet> check;
    private int count = -1;
    /** Batches per epoch (Keras's steps_per_epoch), or 0 for one pass of the iterator. */
    private int steps;
    /** With steps: whether the last epoch stopped mid-pass, so that the next one goes on from there. */
    private boolean midPass;

    /**
     * @param prepare applied to each batch as it is taken (e.g. input scaling)
     * @param check   run on each batch as the iterator gives it, before {@code prepare}, with its
     *                number in the pass (from 1): data read lazily is checked as it arrives
     */
    public IteratorBatches(DataSetIterator iterator, UnaryOperator<DataSet> prepare, ObjIntConsumer<DataSet> check) {
        if (!iterator.resetSupported()) {
            throw new IllegalArgumentException(
                    iterator.getClass().getSimpleName() + " cannot be reset, so it cannot supply more than one epoch");
        }
        this.iterator = iterator.asyncSupported() && !(iterator instanceof AsyncDataSetIterator)
                ? new PrefetchingIterator(iterator, 2)
                : iterator;
        this.prepare = prepare;
        this.check = check;
    }

    /**
     * Epochs of {@code n} batches (Keras's {@code steps_per_epoch}): each goes on where the last
     * stopped; one that reaches the iterator's end stops there, shorter, and the next starts a new
     * pass (the iterator reset), as Keras 3 walks through a dataset. 0: every epoch is one pass.
     */
    public IteratorBatches stepsPerEpoch(int n) {
        this.steps = n;
        return this;
    }

    @Override
    public Iterator<MultiDataSet> epoch(Random random) {
        if (steps == 0) {
            return pass(true);
        }
        Iterator<MultiDataSet> walking = midPass ? onward() : pass(false);
        return new Iterator<>() {
            private int given;

            @Override
            public boolean hasNext() {
                boolean more = given < steps && walking.hasNext();
                if (!more) {
                    midPass = given == steps && walking.hasNext();
                }
                return more;
            }

            @Override
            public MultiDataSet next() {
                given++;
                return walking.next();
            }
        };
    }

    @Override
    public Iterator<MultiDataSet> inOrder() {
        return pass(false);
    }

    @Override
    public int count() {
        return steps > 0 ? steps : count;
    }

    /** The first batch, for checking shapes before training; the iterator is reset afterwards. */
    public DataSet peek() {
        iterator.reset();
        if (!iterator.hasNext()) {
            throw new IllegalArgumentException("the iterator supplies no batches");
        }
        DataSet first = iterator.next();
        check.accept(first, 1);
        iterator.reset();
        return prepare.apply(first);
    }

    private Iterator<MultiDataSet> pass(boolean counting) {
        iterator.reset();
        return onward(counting);
    }

    /** The batches from where the iterator stands, without resetting it. */
    private Iterator<MultiDataSet> onward() {
        return onward(false);
    }

    private Iterator<MultiDataSet> onward(boolean counting) {
        return new Iterator<>() {
            private int seen;

            @Override
            public boolean hasNext() {
                boolean more = iterator.hasNext();
                if (!more && counting) {
                    count = seen;
                }
                return more;
            }

            @Override
            public MultiDataSet next() {
                if (!iterator.hasNext()) {
                    throw new NoSuchElementException();
                }
                DataSet batch = iterator.next();
                check.accept(batch, ++seen);
                DataSet prepared = prepare.apply(batch);
                return new org.nd4j.linalg.dataset.MultiDataSet(
                        prepared.getFeatures(),
                        prepared.getLabels(),
                        prepared.getFeaturesMaskArray(),
                        prepared.getLabelsMaskArray()); // an iterator's masks (padded sequences, weights) go on
            }
        };
    }
}
