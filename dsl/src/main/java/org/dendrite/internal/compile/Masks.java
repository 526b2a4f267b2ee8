package org.dendrite.internal.compile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dendrite.layers.LSTM;
import org.dendrite.layers.Layer;
import org.dendrite.layers.Masking;
import org.dendrite.layers.SimpleRNN;

/**
 * Where a {@link Masking} layer may stand, and what it changes in DL4J: the recurrent layer right
 * after it reads its mask. Keras would pass the mask on past a recurrent layer that returns
 * sequences, to the next recurrent layer; Dendrite passes it to one, so a model that would need
 * more is refused, naming the layers, before DL4J sees it.
 */
final class Masks {

    private Masks() {}

    /** {@code layer} as DL4J computes it, reading the mask of {@code before} if that is a Masking layer. */
    static org.deeplearning4j.nn.conf.layers.Layer toDl4j(Layer layer, Layer before) {
        return before instanceof Masking masking ? masking.maskedDl4j(layer) : layer.toDl4j();
    }

    /**
     * Checks a Sequential's layers.
     *
     * @throws IllegalArgumentException naming the Masking layer, or the recurrent layer, out of place
     */
    static void checkLayers(List<Layer> layers) {
        for (int i = 0; i < layers.size(); i++) {
            if (!(layers.get(i) instanceof Masking)) {
                continue;
            }
            String masking = "layer " + i + " (" + layers.get(i) + ")";
            Layer next = i + 1 < layers.size() ? layers.get(i + 1) : null;
            requireRecurrent(masking, next == null ? "nothing" : "layer " + (i + 1) + ", " + next, next);
            for (int j = i + 2; returnsSequences(next) && j < layers.size(); j++) {
                requireNoMaskNeeded(masking, "layer " + (i + 1) + " (" + next + ")", "layer " + j, layers.get(j));
            }
        }
    }

    /**
     * Checks a graph's vertices: each Masking layer feeds recurrent layers only, and none of those
     * that returns sequences has a recurrent layer after it.
     */
    static void checkVertices(List<GraphBuilder.Vertex> vertices) {
        Map<String, List<GraphBuilder.Vertex>> consumers = new HashMap<>();
        vertices.forEach(v -> v.inputs()
                .forEach(i ->
                        consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(v)));
        for (GraphBuilder.Vertex v : vertices) {
            if (!(v.layer() instanceof Masking)) {
                continue;
            }
            String masking = v.name() + " (" + v.layer() + ")";
            List<GraphBuilder.Vertex> fed = consumers.getOrDefault(v.name(), List.of());
            if (fed.isEmpty()) {
                requireRecurrent(masking, "nothing", null);
            }
            for (GraphBuilder.Vertex next : fed) {
                requireRecurrent(masking, next.name() + ", " + described(next), next.layer());
                Deque<GraphBuilder.Vertex> after = new ArrayDeque<>(
                        returnsSequences(next.layer()) ? consumers.getOrDefault(next.name(), List.of()) : List.of());
                while (!after.isEmpty()) {
                    GraphBuilder.Vertex later = after.pop();
                    requireNoMaskNeeded(masking, next.name() + " (" + next.layer() + ")", later.name(), later.layer());
                    after.addAll(consumers.getOrDefault(later.name(), List.of()));
                }
            }
        }
    }

    private static String described(GraphBuilder.Vertex v) {
        return v.layer() != null ? v.layer().toString() : v.vertex().getClass().getSimpleName();
    }

    private static void requireRecurrent(String masking, String where, Layer next) {
        if (!(next instanceof LSTM || next instanceof SimpleRNN)) {
            throw new IllegalArgumentException(masking + " feeds " + where
                    + ": a Masking layer must come right before an LSTM or SimpleRNN, the layers that read its mask");
        }
    }

    private static void requireNoMaskNeeded(String masking, String recurrent, String where, Layer later) {
        if (later instanceof LSTM || later instanceof SimpleRNN) {
            throw new IllegalArgumentException(where + " (" + later + ") reads the sequences of " + recurrent
                    + ", which Keras would mask with the mask of " + masking
                    + "; Dendrite passes a mask to the recurrent layer right after a Masking layer only");
        }
    }

    private static boolean returnsSequences(Layer layer) {
        return (layer instanceof LSTM lstm && lstm.returnSequences())
                || (layer instanceof SimpleRNN rnn && rnn.returnSequences());
    }
}
