package org.dendrite.internal.compile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.dendrite.layers.Flatten;
import org.dendrite.layers.Layer;
import org.dendrite.layers.OutputCapable;
import org.dendrite.losses.Loss;
import org.dendrite.optimizers.Optimizer;
import org.dendrite.runtime.ScaledLoss;
import org.dendrite.runtime.SequenceFlattening;

/**
 * Turns a functional model's vertices into DL4J's {@link ComputationGraphConfiguration}, with
 * the same network-wide settings as {@link NetworkBuilder}: layers become layer vertices (an
 * output's layer becomes DL4J's output layer, holding the loss), merges and the stacking of shared
 * blocks are DL4J's own vertices.
 */
public final class GraphBuilder {

    private GraphBuilder() {}

    /**
     * One vertex of the graph.
     *
     * @param layer      the layer computing it, or null
     * @param vertex     the DL4J vertex computing it when no layer does (a merge, a stack), or null for an input
     * @param inputs     the names of the vertices it takes, empty for an input
     * @param inputShape the shape of one example it takes (its own shape for an input), Keras's layout
     * @param frozen     whether training leaves the layer's weights as they are
     */
    public record Vertex(
            String name, Layer layer, GraphVertex vertex, List<String> inputs, long[] inputShape, boolean frozen) {

        /** Whether it is an input of the graph (it takes nothing). */
        public boolean isInput() {
            return inputs.isEmpty();
        }
    }

    /**
     * @param vertices each after the vertices it takes
     * @param outputs  the names of the output vertices, each computed by a layer that can end a model
     * @param losses   a resolved loss per output
     * @param weights  each output's weight in the model's loss
     */
    public static ComputationGraphConfiguration build(
            List<Vertex> vertices,
            List<String> outputs,
            Optimizer optimizer,
            List<Loss> losses,
            double[] weights,
            long seed) {
        Masks.checkVertices(vertices);
        List<String> inputs =
                vertices.stream().filter(Vertex::isInput).map(Vertex::name).toList();
        boolean inputPassedThrough = vertices.stream()
                .anyMatch(v -> v.layer() != null
                        && inputs.contains(v.inputs().get(0))
                        && NetworkBuilder.passesInputThrough(v.layer()));
        var graph = NetworkBuilder.settings(optimizer, seed, inputPassedThrough).graphBuilder();
        graph.addInputs(inputs);
        graph.setInputTypes(vertices.stream()
                .filter(Vertex::isInput)
                .map(v -> NetworkBuilder.inputType(v.inputShape()))
                .toArray(InputType[]::new));
        Map<String, Vertex> byName = new HashMap<>();
        vertices.forEach(v -> byName.put(v.name(), v));
        for (Vertex v : vertices) {
            String[] from = v.inputs().toArray(String[]::new);
            if (v.vertex() != null) {
                graph.addVertex(v.name(), v.vertex(), from);
            } else if (v.layer() != null) {
                int output = outputs.indexOf(v.name());
                addLayer(graph, v, output < 0 ? null : losses.get(output), output < 0 ? 1 : weights[output], byName);
            }
        }
        graph.setOutputs(outputs.toArray(String[]::new));
        return graph.build();
    }

    /**
     * Whether {@code v}'s values come from the inputs through frozen layers alone, so that no
     * gradient need reach it. A merge or stack counts as needing one: DL4J's graph hands a vertex
     * without layer no gradient from a FrozenLayer, and then refuses to go on.
     */
    private static boolean onlyFrozen(Vertex v, Map<String, Vertex> byName) {
        return v.isInput()
                || (v.layer() != null
                        && v.frozen()
                        && v.inputs().stream().allMatch(i -> onlyFrozen(byName.get(i), byName)));
    }

    /**
     * @param loss   the loss if the layer computes an output, else null
     * @param weight the output's weight in the model's loss
     */
    private static void addLayer(
            ComputationGraphConfiguration.GraphBuilder graph,
            Vertex v,
            Loss loss,
            double weight,
            Map<String, Vertex> byName) {
        var layer = loss != null
                ? ((OutputCapable) v.layer())
                        .toDl4jOutput(
                                ScaledLoss.of(loss.lossFunction(v.layer().outputShape(v.inputShape())[0]), weight))
                : Masks.toDl4j(v.layer(), byName.get(v.inputs().get(0)).layer());
        if (v.frozen()) {
            layer = NetworkBuilder.freeze(
                    v.layer(), layer, v.inputs().stream().allMatch(i -> onlyFrozen(byName.get(i), byName)), v.name());
        }
        if (layer instanceof EmbeddingSequenceLayer embedding && v.inputShape().length == 1) {
            embedding.setInputLength((int) v.inputShape()[0]); // so that later layers see the timesteps
        }
        long[] in = v.inputShape();
        if (v.layer() instanceof Flatten && in.length == 3) {
            // A graph's vertices keep their input type, so Flatten reshapes images itself (as DL4J does
            // before a dense layer): merges after it then see rows, as Keras's do.
            graph.addLayer(
                    v.name(),
                    layer,
                    new CnnToFeedForwardPreProcessor(in[0], in[1], in[2]),
                    v.inputs().get(0));
        } else if (v.layer() instanceof Flatten && in.length == 2) {
            graph.addLayer(
                    v.name(),
                    layer,
                    new SequenceFlattening(in[0], in[1]),
                    v.inputs().get(0));
        } else {
            graph.addLayer(v.name(), layer, v.inputs().toArray(String[]::new));
        }
    }
}
