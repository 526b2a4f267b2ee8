package org.dendrite.internal.training;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.dendrite.metrics.Metric;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The network's predictions for each training batch, with the batch's labels, taken from the
 * training step's own forward pass (before the step changes the weights, with dropout as in
 * training), which is what Keras's training metrics are computed from. Costs the output layers on
 * top of the step, instead of a second pass over the whole training set.
 */
final class BatchPredictions extends BaseTrainingListener {

    private final Scoring.Predictions seen;

    BatchPredictions(int outputs) {
        seen = new Scoring.Predictions(outputs);
    }

    /** The labels of the batch about to be fitted. */
    void batch(INDArray[] labels) {
        seen.addLabels(labels);
    }

    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        seen.addPredictions(new INDArray[] {OutputPredictions.of((MultiLayerNetwork) model, activations)});
    }

    @Override
    public void onForwardPass(Model model, Map<String, INDArray> activations) {
        seen.addPredictions(OutputPredictions.of((ComputationGraph) model, activations));
    }

    /** Each metric on each output over the batches seen since the last call, by log name; the next call starts afresh. */
    Map<String, Double> epochMetrics(List<List<Metric>> metrics, List<String> outputs) {
        return seen.metrics(metrics, outputs, "");
    }
}
