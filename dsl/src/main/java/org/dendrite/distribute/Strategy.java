package org.dendrite.distribute;

import java.util.List;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Where a fit's epochs run, as Keras's {@code tf.distribute.Strategy}: given to
 * {@code Fit.on(strategy)}, it turns {@code model.fit(data, epochs(5).batch(128))} into training
 * across a cluster while History, callbacks, progress output and {@code stop()} stay on this JVM.
 */
public interface Strategy {

    /**
     * Spreads in-memory training data, already in mini-batches as the network takes them (one
     * feature array per input, one label array per output), over the place this strategy trains.
     */
    DistributedData distribute(List<MultiDataSet> batches);
}
