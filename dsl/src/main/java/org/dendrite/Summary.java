package org.dendrite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dendrite.layers.Layer;
import org.dendrite.layers.Shapes;

/**
 * Keras's {@code model.summary()}: each layer's name and type, output shape and parameter count
 * (and, for a functional model, the layers it takes), then the totals. Counts come from the DL4J network itself; a parameter is non-trainable when
 * training does not change it by gradient (batch normalisation's moving mean and variance), as
 * Keras counts it.
 *
 * @param model Keras's name for the model: {@code "sequential"} or {@code "functional"}
 * @param rows  one per layer (and per input, for a functional model)
 */
public record Summary(String model, List<Row> rows) {

    /** Parameter names DL4J uses for running statistics that no gradient updates. */
    private static final Set<String> NON_TRAINABLE = Set.of("mean", "var", "log10stdev");

    /**
     * One line of the table: e.g. {@code dense_1 (Dense), (None, 8), 104 params, 104 trainable}.
     *
     * @param connectedTo the layers it takes, as Keras lists them ({@code dense[0][0]}); empty in a Sequential model
     */
    public record Row(
            String name, String type, String outputShape, long params, long trainable, List<String> connectedTo) {

        public Row {
            connectedTo = List.copyOf(connectedTo);
        }
    }

    public Summary {
        rows = List.copyOf(rows);
    }

    /** @param shapes each layer's output shape, from the layers' shape rules */
    /** @param frozenLayers layers whose weights are frozen: all their parameters count as non-trainable */
    static Summary of(List<Layer> layers, MultiLayerNetwork network, List<long[]> shapes, Set<Integer> frozenLayers) {
        Map<String, Integer> seen = new HashMap<>();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            int at = i;
            String base = snakeCase(layer.kind());
            int k = seen.merge(base, 1, Integer::sum) - 1;
            var params = network.getLayer(i).paramTable();
            long total = params.values().stream().mapToLong(p -> p.length()).sum();
            long frozen = params.entrySet().stream()
                    .filter(e -> frozenLayers.contains(at) || NON_TRAINABLE.contains(e.getKey()))
                    .mapToLong(e -> e.getValue().length())
                    .sum();
            rows.add(new Row(
                    k == 0 ? base : base + "_" + k,
                    layer.kind(),
                    Shapes.keras(shapes.get(i)),
                    total,
                    total - frozen,
                    List.of()));
        }
        return new Summary("sequential", rows);
    }

    /**
     * A functional model's table: its inputs, layers and merges in order, each with the nodes it
     * takes; a Sequential applied as a layer is one row, its weights counted once however many
     * nodes it is applied to.
     */
    static Summary of(Functional model, ComputationGraph graph) {
        Map<String, List<Functional.LayerAt>> layers = new HashMap<>(); // by node or block name
        for (var layer : model.layers()) {
            String owner = layer.name().contains("/")
                    ? layer.name().substring(0, layer.name().indexOf('/'))
                    : layer.name();
            layers.computeIfAbsent(owner, k -> new ArrayList<>()).add(layer);
        }
        List<Row> rows = new ArrayList<>();
        for (Node node : model.nodes()) {
            List<Node> uses = model.uses(node);
            if (!uses.isEmpty() && uses.get(0) != node) {
                continue; // a shared block's row came with its first use
            }
            String name = model.name(node);
            long total = 0;
            long frozen = 0;
            for (var layer : layers.getOrDefault(name, List.of())) {
                for (var e : graph.getLayer(layer.vertex()).paramTable().entrySet()) {
                    total += e.getValue().length();
                    frozen += layer.frozen() || NON_TRAINABLE.contains(e.getKey())
                            ? e.getValue().length()
                            : 0;
                }
            }
            List<Node> takes = uses.isEmpty()
                    ? node.inputs()
                    : uses.stream().map(u -> u.inputs().get(0)).toList();
            rows.add(new Row(
                    name,
                    node.kind(),
                    Shapes.keras(node.shape()),
                    total,
                    total - frozen,
                    takes.stream().map(model::connection).toList()));
        }
        return new Summary("functional", rows);
    }

    public long totalParams() {
        return rows.stream().mapToLong(Row::params).sum();
    }

    public long trainableParams() {
        return rows.stream().mapToLong(Row::trainable).sum();
    }

    public long nonTrainableParams() {
        return totalParams() - trainableParams();
    }

    /** Keras's own rule: {@code MaxPooling2D} → {@code max_pooling2d}, {@code BatchNormalization} → {@code batch_normalization}. */
    static String snakeCase(String kind) {
        return kind.replaceAll("(.)([A-Z][a-z]+)", "$1_$2")
                .replaceAll("([a-z])([A-Z])", "$1_$2")
                .toLowerCase(Locale.ROOT);
    }

    /** The table as Keras prints it; a functional model's has Keras's "Connected to" column. */
    @Override
    public String toString() {
        boolean graph = model.equals("functional");
        int width = graph ? 98 : 65;
        String rule = "_".repeat(width) + "\n";
        String format = graph ? " %-30s %-20s %-11s %s\n" : " %-27s %-25s %s\n";
        StringBuilder s = new StringBuilder("Model: \"" + model + "\"\n")
                .append(rule)
                .append(String.format(Locale.ROOT, format, "Layer (type)", "Output Shape", "Param #", "Connected to"))
                .append("=".repeat(width))
                .append('\n');
        s.append(rows.stream()
                .map(r -> String.format(
                        Locale.ROOT,
                        format,
                        r.name() + " (" + r.type() + ")",
                        r.outputShape(),
                        String.format(Locale.ROOT, "%,d", r.params()),
                        r.connectedTo().stream().map(c -> "'" + c + "'").collect(Collectors.joining(", ", "[", "]"))))
                .collect(Collectors.joining()));
        return s.append("=".repeat(width))
                .append('\n')
                .append(String.format(Locale.ROOT, "Total params: %,d%n", totalParams()))
                .append(String.format(Locale.ROOT, "Trainable params: %,d%n", trainableParams()))
                .append(String.format(Locale.ROOT, "Non-trainable params: %,d%n", nonTrainableParams()))
                .append(rule)
                .toString();
    }
}
