package org.dendrite.internal.training;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dendrite.metrics.Metric;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Loss and metrics of a network over a whole data set, in inference mode (no dropout), chunk by
 * chunk, named as Keras logs them: {@code loss} and {@code accuracy} for a model with one output;
 * for several, also each output's {@code <output>_loss} and {@code <output>_<metric>}.
 */
public final class Scoring {

    private Scoring() {}

    /**
     * @param metrics  each output's metrics
     * @param prefix   put before every name: {@code ""} or {@code "val_"}
     * @param withLoss whether to report {@code loss} (the example-weighted mean of DL4J's score,
     *                 regularisation included), as Keras does for validation and evaluate
     * @return the loss (if asked) then each metric, by name
     */
    public static Map<String, Double> evaluate(
            Network net, Iterator<MultiDataSet> chunks, List<List<Metric>> metrics, String prefix, boolean withLoss) {
        List<String> outputs = net.outputs();
        double lossSum = 0;
        double[] outputLossSums = new double[outputs.size()];
        long examples = 0;
        Predictions predictions = new Predictions(outputs.size());
        while (chunks.hasNext()) {
            MultiDataSet chunk = chunks.next();
            long n = chunk.getFeatures(0).size(0);
            if (withLoss) {
                lossSum += net.score(chunk) * n;
                double[] each = net.outputLosses();
                for (int i = 0; i < each.length; i++) {
                    outputLossSums[i] += each[i] * n;
                }
                examples += n;
            }
            if (metrics.stream().anyMatch(m -> !m.isEmpty())) {
                predictions.add(net.output(chunk.getFeatures()), chunk.getLabels());
            }
        }
        Map<String, Double> values = new LinkedHashMap<>();
        if (withLoss) {
            values.put(prefix + "loss", lossSum / examples);
            if (outputs.size() > 1) {
                for (int i = 0; i < outputs.size(); i++) {
                    values.put(prefix + outputs.get(i) + "_loss", outputLossSums[i] / examples);
                }
            }
        }
        values.putAll(predictions.metrics(metrics, outputs, prefix));
        return values;
    }

    /** Each output's predictions and labels, chunk by chunk, for metrics over all of them. */
    static final class Predictions {

        private final List<List<INDArray>> predictions = new ArrayList<>();
        private final List<List<INDArray>> labels = new ArrayList<>();

        Predictions(int outputs) {
            for (int i = 0; i < outputs; i++) {
                predictions.add(new ArrayList<>());
                labels.add(new ArrayList<>());
            }
        }

        /** One chunk: a prediction array and a label array per output. */
        void add(INDArray[] predicted, INDArray[] actual) {
            for (int i = 0; i < predicted.length; i++) {
                predictions.get(i).add(predicted[i]);
                labels.get(i).add(actual[i]);
            }
        }

        /** The labels of a chunk whose predictions come later (see {@link #addPredictions}), copied: an iterator may reuse its arrays. */
        void addLabels(INDArray[] actual) {
            for (int i = 0; i < actual.length; i++) {
                labels.get(i).add(actual[i].dup());
            }
        }

        void addPredictions(INDArray[] predicted) {
            for (int i = 0; i < predicted.length; i++) {
                predictions.get(i).add(predicted[i]);
            }
        }

        /** Each metric on each output over every chunk, by Keras's log name; then starts afresh. */
        Map<String, Double> metrics(List<List<Metric>> metrics, List<String> outputs, String prefix) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (int i = 0; i < predictions.size(); i++) {
                if (metrics.get(i).isEmpty()) {
                    continue;
                }
                INDArray p = Nd4j.vstack(predictions.get(i));
                INDArray y = Nd4j.vstack(labels.get(i));
                String output = outputs.size() > 1 ? outputs.get(i) + "_" : "";
                for (Metric m : metrics.get(i)) {
                    values.put(prefix + output + m.name(), m.compute(p, y));
                }
            }
            predictions.forEach(List::clear);
            labels.forEach(List::clear);
            return values;
        }
    }
}
