package org.dendrite;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dendrite.internal.compile.GraphBuilder;
import org.dendrite.internal.compile.MemoryCheck;
import org.dendrite.internal.compile.OutputCheck;
import org.dendrite.internal.training.Network;
import org.dendrite.layers.Layer;
import org.dendrite.layers.OutputCapable;
import org.dendrite.layers.Shapes;
import org.dendrite.losses.Loss;
import org.dendrite.metrics.Metric;
import org.dendrite.optimizers.Optimizer;
import org.dendrite.runtime.DirectLayers;
import org.dendrite.runtime.GraphUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What compiling a functional model takes besides the graph: each output's loss and metrics checked
 * against the layers that compute it, and DL4J's ComputationGraph built and initialised from the
 * seed, with a trained model's weights where a block starts from them.
 */
final class GraphCompile {

    private GraphCompile() {}

    /** One loss for every output, or one per output, each resolved against its output layer ({@code crossEntropy}). */
    static List<Loss> losses(Functional functional, List<Loss> given) {
        requireOneOrEach(functional, given.size(), "one loss for every output, or one per output", "losses");
        List<Loss> losses = new ArrayList<>();
        List<Node> outputs = functional.outputs();
        for (int i = 0; i < outputs.size(); i++) {
            Loss loss = Objects.requireNonNull(given.get(given.size() == 1 ? 0 : i), "loss " + i);
            losses.add(resolve(functional, outputs.get(i), loss));
        }
        return List.copyOf(losses);
    }

    /** Metrics for every output, or a list per output; {@code crossEntropy} as a metric resolved as the loss is. */
    static List<List<Metric>> metrics(Functional functional, List<List<Metric>> given) {
        requireOneOrEach(
                functional, given.size(), "metrics for every output, or a list per output", "lists of metrics");
        List<List<Metric>> each = new ArrayList<>();
        List<Node> outputs = functional.outputs();
        for (int i = 0; i < outputs.size(); i++) {
            Node output = outputs.get(i);
            each.add(given.get(given.size() == 1 ? 0 : i).stream()
                    .map(m -> m.equals(Loss.CROSS_ENTROPY) ? resolve(functional, output, Loss.CROSS_ENTROPY) : m)
                    .toList());
        }
        return List.copyOf(each);
    }

    /** Refuses {@code given} things for compile unless one (for every output) or one per output. */
    private static void requireOneOrEach(Functional functional, int given, String takes, String what) {
        List<Node> outputs = functional.outputs();
        if (given != 1 && given != outputs.size()) {
            throw new IllegalArgumentException("compile takes " + takes + ", but the model has " + outputs.size()
                    + " outputs " + outputs.stream().map(functional::name).toList() + " and received " + given + " "
                    + what);
        }
    }

    /**
     * The loss for one output, checked against the layers leading to it: the output must be a row of
     * numbers, computed by a layer that can end a model.
     */
    private static Loss resolve(Functional functional, Node output, Loss loss) {
        String name = functional.name(output);
        if (!(output.layer() instanceof OutputCapable)) {
            throw new IllegalArgumentException("output " + name + " (" + output
                    + ") cannot end a model: an output must be computed by dense(...) or activation(...)");
        }
        if (output.shape().length != 1) {
            throw new IllegalArgumentException("output " + name + " is " + Shapes.keras(output.shape())
                    + " per example, but labels are rows of numbers: put flatten() or globalAvgPool() before it");
        }
        List<Layer> path = functional.chain(output).stream().map(Node::layer).toList();
        String where = OutputCheck.describe(name, path);
        Loss resolved = OutputCheck.resolve(path, loss, where);
        OutputCheck.checkWidth(path, output.shape()[0], where);
        return resolved;
    }

    /** DL4J's network for {@code functional}, its weights initialised from its seed, on DL4J's standard updater path. */
    static ComputationGraph graph(Functional functional, Optimizer optimizer, List<Loss> losses) {
        ComputationGraphConfiguration conf = GraphBuilder.build(
                functional.vertices(),
                functional.outputs().stream().map(functional::name).toList(),
                optimizer,
                losses,
                functional.lossWeights(),
                functional.seed());
        List<NeuralNetConfiguration> layers = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (var layer : functional.layers()) {
            layers.add(((LayerVertex) conf.getVertices().get(layer.vertex())).getLayerConf());
            names.add(layer.name() + " (" + layer.layer() + ")");
        }
        MemoryCheck.parameters(layers, names, optimizer);
        Nd4j.getRandom().setSeed(functional.seed());
        ComputationGraph built = new ComputationGraph(conf);
        built.init();
        DirectLayers.install(built);
        GraphUpdater.install(built);
        return built;
    }

    /**
     * A trained model's weights, layer by layer, into a graph's vertices for a block's layers.
     *
     * @param own      the trained model's own names for those layers, when it is a graph (a stack's are its indices)
     * @param vertices the receiving graph's vertices for them, in the same order
     */
    static void copyWeights(Network trained, List<String> own, ComputationGraph graph, List<String> vertices) {
        for (int i = 0; i < vertices.size(); i++) {
            var from = trained instanceof Network.Graph g
                    ? g.graph().getLayer(own.get(i)).paramTable()
                    : ((Network.Stack) trained).network().getLayer(i).paramTable();
            for (var e : graph.getLayer(vertices.get(i)).paramTable().entrySet()) {
                e.getValue().assign(from.get(e.getKey()));
            }
        }
    }
}
