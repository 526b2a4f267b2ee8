package org.dendrite.spark;

import java.io.Serializable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.DoubleAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

/**
 * The epoch's training loss as Keras logs it (the mean over every example of each step's loss),
 * summed on the workers: DL4J sends this listener to each worker's network, and Spark adds up its
 * accumulators from the tasks that succeed (a task retried after a lost executor counts once).
 * DL4J's own {@code getScore()} is only the last step's loss of each worker, averaged.
 */
final class EpochLoss extends BaseTrainingListener implements Serializable {

    private static final long serialVersionUID = 1L;

    private final DoubleAccumulator lossSum;
    private final LongAccumulator examples;
    private final LongAccumulator steps;

    EpochLoss(JavaSparkContext context) {
        lossSum = context.sc().doubleAccumulator("dendrite loss x examples");
        examples = context.sc().longAccumulator("dendrite examples");
        steps = context.sc().longAccumulator("dendrite steps");
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        long n = Math.max(1, model.batchSize());
        lossSum.add(model.score() * n);
        examples.add(n);
        steps.add(1);
    }

    double loss() {
        return examples.value() == 0 ? Double.NaN : lossSum.value() / examples.value();
    }

    long steps() {
        return steps.value();
    }
}
