package org.dendrite.internal.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
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

    /** The labels of the batch about to be fitted (copied: an iterator may reuse its arrays). */
    void batch(INDArray batchLabels) {
        labels.add(batchLabels.dup());
    }

    /** A layer stack's step stops its forward pass below the output layer; this finishes it. */
    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        MultiLayerNetwork net = (MultiLayerNetwork) model;
        InputPreProcessor preProcessor = net.getLayerWiseConfigurations().getInputPreProcess(net.getnLayers() - 1);
        predictions.add(finish(net.getOutputLayer(), preProcessor, activations.get(activations.size() - 1)));
    }

    /** A graph's step stops below its output layer too: this runs it on the activations of its input. */
    @Override
    public void onForwardPass(Model model, Map<String, INDArray> activations) {
        ComputationGraph graph = (ComputationGraph) model;
        String output = graph.getConfiguration().getNetworkOutputs().get(0);
        LayerVertex vertex = (LayerVertex) graph.getVertex(output);
        String input = graph.getConfiguration().getVertexInputs().get(output).get(0);
        predictions.add(finish(vertex.getLayer(), vertex.getLayerPreProcessor(), activations.get(input)));
    }

    /** The output layer's activations on {@code input}, computed outside DL4J's workspaces. */
    private static INDArray finish(
            org.deeplearning4j.nn.api.Layer outputLayer, InputPreProcessor preProcessor, INDArray input) {
        try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
            INDArray in =
                    preProcessor == null ? input : preProcessor.preProcess(input, (int) input.size(0), noWorkspaces);
            return outputLayer.activate(in, false, noWorkspaces).detach();
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
