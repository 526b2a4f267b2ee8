package org.dendrite.internal.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.dendrite.metrics.Metric;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The network's predictions for each training batch, with the batch's labels, taken from the
 * training step's own forward pass (before the step changes the weights, with dropout as in
 * training), which is what Keras's training metrics are computed from. Costs one output layer on
 * top of the step, instead of a second pass over the whole training set.
 */
final class BatchPredictions extends BaseTrainingListener {

    private final List<INDArray> predictions = new ArrayList<>();
    private final List<INDArray> labels = new ArrayList<>();

    /** DL4J's step stops its forward pass below the output layer; this finishes it, outside DL4J's workspaces. */
    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        MultiLayerNetwork net = (MultiLayerNetwork) model;
        INDArray input = activations.get(activations.size() - 1);
        try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
            InputPreProcessor preProcessor = net.getLayerWiseConfigurations().getInputPreProcess(net.getnLayers() - 1);
            if (preProcessor != null) {
                input = preProcessor.preProcess(input, (int) input.size(0), noWorkspaces);
            }
            predictions.add(
                    net.getOutputLayer().activate(input, false, noWorkspaces).detach());
            labels.add(net.getLabels().dup()); // an iterator may reuse its arrays
        }
    }

    /** Each metric over the batches seen since the last call, by name; the next call starts afresh. */
    Map<String, Double> epochMetrics(List<Metric> metrics) {
        Map<String, Double> values = Scoring.metrics(predictions, labels, metrics, "");
        predictions.clear();
        labels.clear();
        return values;
    }
}
