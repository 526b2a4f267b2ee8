package org.dendrite.internal.training;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dendrite.metrics.Metric;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Loss and metrics of a network over a whole data set, in inference mode (no dropout), chunk by chunk. */
public final class Scoring {

    private Scoring() {}

    /**
     * @param prefix   put before every name: {@code ""} or {@code "val_"}
     * @param withLoss whether to report {@code loss} (the example-weighted mean of DL4J's score,
     *                 regularisation included), as Keras does for validation and evaluate
     * @return the loss (if asked) then each metric, by name
     */
    public static Map<String, Double> evaluate(
            Network net, Iterator<DataSet> chunks, List<Metric> metrics, String prefix, boolean withLoss) {
        double lossSum = 0;
        long examples = 0;
        List<INDArray> predictions = new ArrayList<>();
        List<INDArray> labels = new ArrayList<>();
        while (chunks.hasNext()) {
            DataSet chunk = chunks.next();
            if (withLoss) {
                lossSum += net.score(multi(chunk)) * chunk.numExamples();
                examples += chunk.numExamples();
            }
            if (!metrics.isEmpty()) {
                predictions.add(net.output(chunk.getFeatures())[0]);
                labels.add(chunk.getLabels());
            }
        }
        Map<String, Double> values = new LinkedHashMap<>();
        if (withLoss) {
            values.put(prefix + "loss", lossSum / examples);
        }
        values.putAll(metrics(predictions, labels, metrics, prefix));
        return values;
    }

    /** Each metric over all the rows of {@code predictions} and {@code labels} (lists of chunks in the same order), by name. */
    static Map<String, Double> metrics(
            List<INDArray> predictions, List<INDArray> labels, List<Metric> metrics, String prefix) {
        Map<String, Double> values = new LinkedHashMap<>();
        if (!metrics.isEmpty()) {
            INDArray p = Nd4j.vstack(predictions);
            INDArray y = Nd4j.vstack(labels);
            for (Metric m : metrics) {
                values.put(prefix + m.name(), m.compute(p, y));
            }
        }
        return values;
    }

    /** A batch as DL4J's multi-input, multi-output form, which both kinds of network take. */
    static MultiDataSet multi(DataSet batch) {
        return new org.nd4j.linalg.dataset.MultiDataSet(batch.getFeatures(), batch.getLabels());
    }
}
