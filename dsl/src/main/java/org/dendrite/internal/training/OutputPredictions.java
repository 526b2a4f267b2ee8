package org.dendrite.internal.training;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A training step's predictions, from the activations DL4J hands its listeners'
 * {@code onForwardPass}: the step's forward pass stops below the output layers, so this runs each
 * output layer on its input, outside DL4J's workspaces (the arrays outlive the step). Used here
 * ({@link BatchPredictions}) and by the workers of a cluster.
 */
public final class OutputPredictions {

    private OutputPredictions() {}

    /** A layer stack's prediction, from its {@code onForwardPass} activations. */
    public static INDArray of(MultiLayerNetwork net, List<INDArray> activations) {
        InputPreProcessor preProcessor = net.getLayerWiseConfigurations().getInputPreProcess(net.getnLayers() - 1);
        return finish(net.getOutputLayer(), preProcessor, activations.get(activations.size() - 1));
    }

    /** A graph's predictions, one per output, from its {@code onForwardPass} activations. */
    public static INDArray[] of(ComputationGraph graph, Map<String, INDArray> activations) {
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
        return predictions;
    }

    /**
     * The output layer's activations on {@code input}, without the batch's label mask (sample
     * weights), which DL4J would multiply into them.
     */
    private static INDArray finish(Layer outputLayer, InputPreProcessor preProcessor, INDArray input) {
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
}
