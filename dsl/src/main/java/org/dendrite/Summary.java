package org.dendrite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dendrite.layers.Layer;
import org.dendrite.layers.Shapes;

/**
 * Keras's {@code model.summary()}: each layer's name and type, output shape and parameter count,
 * then the totals. Counts come from the DL4J network itself; a parameter is non-trainable when
 * training does not change it by gradient (batch normalisation's moving mean and variance), as
 * Keras counts it.
 *
 * @param rows one per layer
 */
public record Summary(List<Row> rows) {

    /** Parameter names DL4J uses for running statistics that no gradient updates. */
    private static final Set<String> NON_TRAINABLE = Set.of("mean", "var", "log10stdev");

    /** One line of the table: e.g. {@code dense_1 (Dense), (None, 8), 104 params, 104 trainable}. */
    public record Row(String name, String type, String outputShape, long params, long trainable) {}

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
                    k == 0 ? base : base + "_" + k, layer.kind(), kerasShape(shapes.get(i)), total, total - frozen));
        }
        return new Summary(rows);
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

    /** Keras's notation, batch first: {@code (None, 12)}, {@code (None, 26, 26, 32)}. */
    static String kerasShape(long[] shape) {
        return Shapes.describe(shape).replace("(", "(None, ");
    }

    /** Keras's own rule: {@code MaxPooling2D} → {@code max_pooling2d}, {@code BatchNormalization} → {@code batch_normalization}. */
    private static String snakeCase(String kind) {
        return kind.replaceAll("(.)([A-Z][a-z]+)", "$1_$2")
                .replaceAll("([a-z])([A-Z])", "$1_$2")
                .toLowerCase(Locale.ROOT);
    }

    /** The table as Keras prints it. */
    @Override
    public String toString() {
        String rule = "_".repeat(65) + "\n";
        String format = " %-27s %-25s %s\n";
        StringBuilder s = new StringBuilder("Model: \"sequential\"\n")
                .append(rule)
                .append(String.format(Locale.ROOT, format, "Layer (type)", "Output Shape", "Param #"))
                .append("=".repeat(65))
                .append('\n');
        s.append(rows.stream()
                .map(r -> String.format(
                        Locale.ROOT,
                        format,
                        r.name() + " (" + r.type() + ")",
                        r.outputShape(),
                        String.format(Locale.ROOT, "%,d", r.params())))
                .collect(Collectors.joining()));
        return s.append("=".repeat(65))
                .append('\n')
                .append(String.format(Locale.ROOT, "Total params: %,d%n", totalParams()))
                .append(String.format(Locale.ROOT, "Trainable params: %,d%n", trainableParams()))
                .append(String.format(Locale.ROOT, "Non-trainable params: %,d%n", nonTrainableParams()))
                .append(rule)
                .toString();
    }
}
