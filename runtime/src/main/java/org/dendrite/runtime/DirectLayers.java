package org.dendrite.runtime;

import java.lang.reflect.Field;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.layers.recurrent.LastTimeStepLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Puts {@link DirectDenseLayer}, {@link DirectOutputLayer}, {@link DirectDropoutLayer},
 * {@link DirectConvolutionLayer} (layer stacks only) and {@link DirectLstmLayer} in place of DL4J's
 * dense, output, dropout, convolution and LSTM layers (an LSTM inside
 * DL4J's last-time-step wrapper too) in an initialised network, where they support the layer's
 * settings. The network's configuration is untouched (a saved model is DL4J's, standard {@code DenseLayer}s
 * included); only the objects that compute are replaced, sharing the same parameters and gradient
 * views. A first dense layer computes no gradient for the network's input when nothing sits below
 * it (no input preprocessor): during {@code fit} DL4J discards it.
 *
 * <p>{@code -Ddendrite.directLayers=false} keeps DL4J's own layers, and DL4J's own optimiser steps
 * ({@link DirectUpdater}).
 */
public final class DirectLayers {

    private DirectLayers() {}

    /** The switch: {@code -D}{@value} {@code =false} keeps DL4J's layers and optimiser steps. */
    public static final String PROPERTY = "dendrite.directLayers";

    static boolean on() {
        return Boolean.parseBoolean(System.getProperty(PROPERTY, "true"));
    }

    /** Replaces what can be replaced, unless switched off; safe to call again. Call before the updater is built. */
    public static void install(MultiLayerNetwork network) {
        if (!on()) {
            return;
        }
        Layer[] layers = network.getLayers();
        boolean changed = false;
        for (int i = 0; i < layers.length; i++) {
            boolean inputGradient =
                    i > 0 || network.getLayerWiseConfigurations().getInputPreProcess(0) != null;
            Layer direct = layers[i] instanceof org.deeplearning4j.nn.layers.convolution.ConvolutionLayer convolution
                            && DirectConvolutionLayer.supports(convolution)
                    ? new DirectConvolutionLayer(convolution)
                    : direct(layers[i], inputGradient);
            if (direct != layers[i]) {
                layers[i] = direct;
                changed = true;
            }
        }
        if (changed) {
            network.setLayers(layers);
            byName(network).replaceAll((name, layer) -> layers[layer.getIndex()]);
        }
        for (int i = 0; i + 1 < layers.length; i++) {
            if (layers[i] instanceof DirectConvolutionLayer) {
                // its kept output must reach the backward pass as it was: the next layer may not change
                // it in place (DL4J lets a noise or dropout layer do so)
                layers[i + 1].allowInputModification(false);
            }
        }
    }

    /**
     * The network's inference output computed by Dendrite's dense, dropout and output layers one
     * after the other, without DL4J's workspaces, preprocessors and masks around them; null where
     * that does not apply (another layer, a preprocessor, an input those layers do not take), for
     * DL4J's {@code output} to answer. What DL4J's {@code output} added was most of a small
     * network's batch prediction (Pima, 1,024 examples: see the README's Round 3). Not for two
     * threads at once on one network (its layers keep intermediate results, as DL4J's keep their input).
     */
    public static INDArray output(MultiLayerNetwork network, INDArray input) {
        if (!network.getLayerWiseConfigurations().getInputPreProcessors().isEmpty()) {
            return null;
        }
        Layer[] layers = network.getLayers();
        int lastComputing = layers.length - 1;
        while (lastComputing > 0 && layers[lastComputing] instanceof DirectDropoutLayer) {
            lastComputing--;
        }
        INDArray x = input;
        for (int i = 0; i < layers.length; i++) {
            if (layers[i] instanceof DirectDropoutLayer) {
                continue; // identity in inference
            }
            boolean last = i == lastComputing;
            x = layers[i] instanceof DirectDenseLayer dense
                    ? dense.infer(x, last)
                    : layers[i] instanceof DirectOutputLayer head && last ? head.infer(x) : null;
            if (x == null) {
                return null;
            }
        }
        return x;
    }

    /**
     * The same for a functional model's graph. There a layer skips its input gradient only when
     * it reads the graph's inputs alone, as they are (no preprocessor), and is their only reader:
     * DL4J's graph then hands the missing gradient to input vertices that do nothing with it.
     */
    public static void install(ComputationGraph graph) {
        if (!on()) {
            return;
        }
        Layer[] layers = graph.getLayers();
        for (GraphVertex vertex : graph.getVertices()) {
            if (vertex instanceof LayerVertex layerVertex) {
                Layer layer = layerVertex.getLayer();
                Layer direct = direct(layer, needsInputGradient(graph, layerVertex));
                if (direct != layer) {
                    set(layerVertex, direct);
                    for (int i = 0; i < layers.length; i++) {
                        if (layers[i] == layer) {
                            layers[i] = direct;
                        }
                    }
                }
            }
        }
    }

    private static boolean needsInputGradient(ComputationGraph graph, LayerVertex vertex) {
        if (vertex.getLayerPreProcessor() != null || vertex.getInputVertices() == null) {
            return true;
        }
        for (VertexIndices input : vertex.getInputVertices()) {
            GraphVertex source = graph.getVertices()[input.getVertexIndex()];
            if (!source.isInputVertex() || source.getOutputVertices().length != 1) {
                return true;
            }
        }
        return false;
    }

    /**
     * Gives {@code successor} what DL4J's {@code layer} had once initialised: listeners, index,
     * the network's parameter and gradient views, and the counters the updater reads.
     */
    static void takeOver(
            org.deeplearning4j.nn.layers.BaseLayer<?> layer, org.deeplearning4j.nn.layers.BaseLayer<?> successor) {
        successor.setListeners(layer.getListeners());
        successor.setIndex(layer.getIndex());
        successor.setParamsViewArray(layer.params());
        successor.setParamTable(layer.paramTable());
        if (layer.getGradientsViewArray() != null) {
            successor.setBackpropGradientsViewArray(layer.getGradientsViewArray());
        }
        successor.setIterationCount(layer.getIterationCount());
        successor.setEpochCount(layer.getEpochCount());
    }

    /** Dendrite's layer for DL4J's {@code layer}, or {@code layer} itself where none applies. */
    private static Layer direct(Layer layer, boolean inputGradient) {
        if (layer instanceof org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer dense
                && DirectDenseLayer.supports(dense)) {
            return new DirectDenseLayer(dense, inputGradient);
        }
        if (layer instanceof org.deeplearning4j.nn.layers.OutputLayer output && DirectOutputLayer.supports(output)) {
            return new DirectOutputLayer(output);
        }
        if (layer instanceof org.deeplearning4j.nn.layers.recurrent.LSTM lstm && DirectLstmLayer.supports(lstm)) {
            return new DirectLstmLayer(lstm);
        }
        if (layer instanceof LastTimeStepLayer last
                && last.getUnderlying() instanceof org.deeplearning4j.nn.layers.recurrent.LSTM lstm
                && DirectLstmLayer.supports(lstm)) {
            return new LastTimeStepLayer(new DirectLstmLayer(lstm));
        }
        if (layer instanceof org.deeplearning4j.nn.layers.DropoutLayer dropout
                && DirectDropoutLayer.supports(dropout)) {
            return new DirectDropoutLayer(dropout);
        }
        return layer;
    }

    /** Puts {@code layer} in a graph's vertex, which DL4J only lets its own freezing replace. */
    private static void set(LayerVertex vertex, Layer layer) {
        try {
            Field field = LayerVertex.class.getDeclaredField("layer");
            field.setAccessible(true);
            field.set(vertex, layer);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("DL4J's LayerVertex has no layer field: not DL4J " + Dl4jVersion.TARGET, e);
        }
    }

    /** The network's layers by name, which {@code getLayer(String)} reads and {@code setLayers} leaves as it was. */
    @SuppressWarnings("unchecked")
    private static Map<String, Layer> byName(MultiLayerNetwork network) {
        try {
            Field field = MultiLayerNetwork.class.getDeclaredField("layerMap");
            field.setAccessible(true);
            return (Map<String, Layer>) field.get(network);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "DL4J's MultiLayerNetwork has no layerMap: not DL4J " + Dl4jVersion.TARGET, e);
        }
    }
}
