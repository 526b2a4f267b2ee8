package org.dendrite.distribute;

import java.util.function.BooleanSupplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The epochs of one fit where a {@link Strategy} trains; closed when the fit ends, however it ends. */
public interface Epochs extends AutoCloseable {

    /**
     * Trains one epoch; afterwards the network given to {@link DistributedData#train} holds the
     * weights it ended with.
     *
     * @param epoch         the epoch's number, from 1
     * @param predictions   whether the steps' predictions come back with the epoch (the model has
     *     training metrics, which Keras computes from them)
     * @param stopRequested polled while the epoch runs; when it turns true the epoch is abandoned
     * @return the epoch's loss and steps, or null when it was abandoned (the network's weights are
     *     then undefined: the caller restores the last finished epoch's)
     */
    Pass run(int epoch, boolean predictions, BooleanSupplier stopRequested);

    /**
     * A finished epoch.
     *
     * @param loss        the mean training loss over every example of the epoch, as each step computed it
     * @param steps       the gradient steps taken, summed over the workers
     * @param predictions each example's prediction from the forward pass of its step (before that
     *     step changed the weights, with dropout on, as Keras's training metrics see it), one
     *     array per output; null when not asked for
     * @param labels      the labels of those examples, row for row; null when not asked for
     */
    record Pass(double loss, long steps, INDArray[] predictions, INDArray[] labels) {}

    @Override
    void close();
}
