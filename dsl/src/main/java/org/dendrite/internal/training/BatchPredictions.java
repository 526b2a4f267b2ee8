package org.dendrite.internal.training;

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

    /** A layer stack's step stops its forward pass below the output layer; this finishes it. */
    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        MultiLayerNetwork net = (MultiLayerNetwork) model;
        InputPreProcessor preProcessor = net.getLayerWiseConfigurations().getInputPreProcess(net.getnLayers() - 1);
        seen.addPredictions(
                new INDArray[] {finish(net.getOutputLayer(), preProcessor, activations.get(activations.size() - 1))});
    }

    /** A graph's step stops below its output layers too: this runs each on the activations of its input. */
    @Override
    public void onForwardPass(Model model, Map<String, INDArray> activations) {
        ComputationGraph graph = (ComputationGraph) model;
        List<String> outputs = graph.getConfiguration().getNetworkOutputs();
        INDArray[] predictions = new INDArray[outputs.size()];
        for (int i = 0; i < predictions.length; i++) {
            LayerVertex vertex = (LayerVertex) graph.getVertex(outputs.get(i));
            String input = graph.getConfiguration()
                    .getVertexInputs()
                    .get(outputs.get(i))
                    .get(0);
            predictions[i] = finish(vertex.getLayer(), vertex.getLayerPreProcessor(), activations.get(input));
        }
        seen.addPredictions(predictions);
    }

    /**
     * The output layer's activations on {@code input}, computed outside DL4J's workspaces and
     * without the batch's label mask (sample weights), which DL4J would multiply into them.
     */
    private static INDArray finish(
            org.deeplearning4j.nn.api.Layer outputLayer, InputPreProcessor preProcessor, INDArray input) {
        INDArray mask = outputLayer.getMaskArray();
        try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
            INDArray in =
                    preProcessor == null ? input : preProcessor.preProcess(input, (int) input.size(0), noWorkspaces);
            outputLayer.setMaskArray(null);
            return outputLayer.activate(in, false, noWorkspaces).detach();
        } finally {
            outputLayer.setMaskArray(mask);
        }
    }

    /** Each metric on each output over the batches seen since the last call, by log name; the next call starts afresh. */
    Map<String, Double> epochMetrics(List<List<Metric>> metrics, List<String> outputs) {
        return seen.metrics(metrics, outputs, "");
    }
}
