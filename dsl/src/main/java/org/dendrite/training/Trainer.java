package org.dendrite.training;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.dendrite.metrics.Metric;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The epoch loop behind {@code fit}: one DL4J gradient step per mini-batch, the epoch's loss as
 * the example-weighted mean of the batch losses (as Keras logs it), then the compiled metrics on
 * the training data and the validation loss and metrics, all with dropout off.
 *
 * <p>Training metrics are measured once at the end of each epoch on the whole training set; Keras
 * instead averages them over the epoch's batches while the weights move, so Keras's figure lags
 * slightly behind. Nothing is computed that was not asked for: without metrics and validation the
 * loop adds only the batch score, which DL4J has already computed, to the raw DL4J step.
 */
public final class Trainer {

    private final MultiLayerNetwork net;
    private final List<Metric> metrics;
    private final Random random;
    private final ProgressLog progress;

    public Trainer(MultiLayerNetwork net, List<Metric> metrics, Random random, ProgressLog progress) {
        this.net = net;
        this.metrics = metrics;
        this.random = random;
        this.progress = progress;
    }

    /**
     * Trains for {@code epochs} epochs and hands each epoch's logs to {@code onEpoch}.
     *
     * @param validation may be null
     */
    public void fit(Batches train, Batches validation, int epochs, java.util.function.Consumer<Map<String, Double>> onEpoch) {
        for (int epoch = 1; epoch <= epochs; epoch++) {
            progress.epochStarted(epoch, epochs);
            double lossSum = 0;
            long examples = 0;
            int steps = 0;
            for (Iterator<DataSet> batches = train.epoch(random); batches.hasNext(); ) {
                DataSet batch = batches.next();
                net.fit(batch);
                lossSum += net.score() * batch.numExamples();
                examples += batch.numExamples();
                progress.batchDone(++steps, train.count(), lossSum / examples);
            }
            net.incrementEpochCount();
            Map<String, Double> logs = new LinkedHashMap<>();
            logs.put("loss", lossSum / examples);
            if (!metrics.isEmpty()) {
                logs.putAll(Scoring.evaluate(net, train.inOrder(), metrics, "", false));
            }
            if (validation != null) {
                logs.putAll(Scoring.evaluate(net, validation.inOrder(), metrics, "val_", true));
            }
            progress.epochEnded(steps, logs);
            onEpoch.accept(logs);
        }
    }
}
