package org.dendrite.distribute;

/**
 * Training data that lies where a {@link Strategy} trains (files read on a cluster's executors,
 * or batches it was given): {@code model.fit(data, options)}. What it tells about itself is what
 * the model checks before any training starts.
 */
public interface DistributedData {

    /** The shape of one example's features in Keras's layout ({@code [8]} for 8 columns). */
    long[] exampleShape();

    /** The number of label columns each example has (one-hot classes, or 1). */
    long labelWidth();

    /** The data as messages name it, e.g. {@code "CSV files /data/train-*.csv (first: train-0.csv)"}. */
    String origin();

    /**
     * Begins training {@code network} (DL4J's {@code MultiLayerNetwork} or {@code ComputationGraph},
     * trained in place) on this data.
     *
     * @param strategy  the strategy given to {@code Fit.on}, or null for the data's own
     * @param batchSize examples per gradient step on each worker
     */
    Epochs train(org.deeplearning4j.nn.api.Model network, Strategy strategy, int batchSize);
}
