package org.dendrite.internal.training;

import java.util.Iterator;
import java.util.Random;
import org.dendrite.datasets.Dataset;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

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
    /** Batches per epoch (Keras's steps_per_epoch), or 0 for one pass. */
    private final int steps;
    /** With steps: the pass the epochs walk through, null when the next epoch starts a fresh one. */
    private Iterator<Dataset> pass;
    /** With steps: the current pass's shuffling seed, and the batches it has given. */
    private long passSeed;

    private int passGiven;

    /** A place in a pass: its shuffling seed and the batches given from it. */
    private record Position(long seed, int given) implements java.io.Serializable {}

    public DatasetBatches(Dataset data, int batchSize, boolean shuffle) {
        this(data, batchSize, shuffle, 0);
    }

    /**
     * @param steps batches per epoch, as Keras 3's {@code steps_per_epoch} for arrays: the epochs
     *              continue through one shuffled pass, an epoch reaching its end stops there
     *              (shorter), and the next epoch starts a fresh pass; 0 for one pass per epoch
     */
    public DatasetBatches(Dataset data, int batchSize, boolean shuffle, int steps) {
        this.data = data;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.steps = steps;
    }

    @Override
    public Iterator<MultiDataSet> epoch(Random random) {
        if (steps == 0) {
            return asDataSets(freshPass(random));
        }
        if (pass == null || !pass.hasNext()) {
            passSeed = shuffle ? random.nextLong() : 0;
            passGiven = 0;
            pass = passFrom(passSeed);
        }
        Iterator<Dataset> walking = pass;
        return asDataSets(new Iterator<>() {
            private int given;

            @Override
            public boolean hasNext() {
                return given < steps && walking.hasNext();
            }

            @Override
            public Dataset next() {
                given++;
                passGiven++;
                return walking.next();
            }
        });
    }

    private Iterator<Dataset> passFrom(long seed) {
        return shuffle ? data.shuffledBatches(batchSize, seed) : data.batches(batchSize);
    }

    @Override
    public java.io.Serializable position() {
        return steps == 0 || pass == null || !pass.hasNext() ? null : new Position(passSeed, passGiven);
    }

    @Override
    public void resumeAt(java.io.Serializable position) {
        if (position instanceof Position p) {
            passSeed = p.seed();
            passGiven = p.given();
            pass = passFrom(passSeed);
            for (int i = 0; i < passGiven && pass.hasNext(); i++) {
                pass.next();
            }
        }
    }

    private Iterator<Dataset> freshPass(Random random) {
        return shuffle ? data.shuffledBatches(batchSize, random.nextLong()) : data.batches(batchSize);
    }

    @Override
    public Iterator<MultiDataSet> inOrder() {
        return asDataSets(data.batches(SCORING_CHUNK));
    }

    @Override
    public int count() {
        int all = (data.size() + batchSize - 1) / batchSize;
        return steps == 0 ? all : Math.min(steps, all);
    }

    private static Iterator<MultiDataSet> asDataSets(Iterator<Dataset> batches) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return batches.hasNext();
            }

            @Override
            public MultiDataSet next() {
                return asMulti(batches.next());
            }
        };
    }

    /**
     * A batch as DL4J takes it: images channels first; sample weights as every output's label mask,
     * which DL4J multiplies into each example's loss and gradient (Keras's sample_weight).
     */
    static MultiDataSet asMulti(Dataset batch) {
        INDArray[] labels = batch.labelArrays().toArray(INDArray[]::new);
        INDArray[] weights = batch.sampleWeights()
                .map(w -> java.util.Collections.nCopies(labels.length, w).toArray(INDArray[]::new))
                .orElse(null);
        return new org.nd4j.linalg.dataset.MultiDataSet(
                batch.featureArrays().stream().map(Dataset::toDl4j).toArray(INDArray[]::new), labels, null, weights);
    }
}
