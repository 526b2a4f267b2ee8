package org.dendrite.keras;

import static org.dendrite.Dendrite.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dendrite.Functional;
import org.dendrite.Node;
import org.dendrite.layers.Layer;

/**
 * A Keras functional model's config (its {@code layers}, each with the {@code inbound_nodes} it
 * was called on, and its {@code input_layers} and {@code output_layers}) written again with
 * Dendrite's functional API, each node under its Keras layer name, so that the file's weights
 * find their layers by name.
 */
final class KerasGraph {

    private KerasGraph() {}

    /** @throws IllegalArgumentException naming the layer (position, name, class) that cannot be read */
    static Functional read(JsonNode config, Path file) {
        Map<String, Node> made = new HashMap<>();
        JsonNode layers = config.path("layers");
        for (int i = 0; i < layers.size(); i++) {
            JsonNode layer = layers.get(i);
            String kind = layer.path("class_name").asText();
            String name =
                    layer.path("name").asText(layer.path("config").path("name").asText());
            try {
                made.put(
                        name,
                        node(kind, layer.path("config"), inputs(layer.path("inbound_nodes"), made))
                                .named(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "layer " + i + " ('" + name + "', " + kind + "): " + e.getMessage(), e);
            }
        }
        return Model(ends(config.path("input_layers"), made), ends(config.path("output_layers"), made));
    }

    /** The node a layer computes from its inputs. */
    private static Node node(String kind, JsonNode config, List<Node> in) {
        if (kind.equals("InputLayer")) {
            JsonNode shape =
                    config.has("batch_input_shape") ? config.path("batch_input_shape") : config.path("batch_shape");
            long[] dims = new long[shape.size() - 1];
            for (int d = 1; d < shape.size(); d++) {
                dims[d - 1] = shape.get(d).asLong();
            }
            return Input(dims);
        }
        Node[] nodes = in.toArray(Node[]::new);
        switch (kind) {
            case "Add":
                return add(nodes);
            case "Subtract":
                return subtract(nodes[0], nodes[1]);
            case "Multiply":
                return multiply(nodes);
            case "Average":
                return average(nodes);
            case "Maximum":
                return maximum(nodes);
            case "Concatenate":
                int axis = config.path("axis").asInt(-1);
                if (axis != -1 && axis != nodes[0].shape().length) {
                    throw new IllegalArgumentException("Concatenate along axis " + axis
                            + " is not supported: Dendrite joins along the last axis (axis=-1)");
                }
                return concatenate(nodes);
            default:
                if (nodes.length != 1) {
                    throw new IllegalArgumentException(
                            "a " + kind + " takes one input, the file gives it " + nodes.length);
                }
                Layer layer = KerasLayers.translate(kind, config);
                return layer == null ? nodes[0] : nodes[0].add(layer);
        }
    }

    /** The nodes of a layer's single call, as {@code [[["dense", 0, 0, {}], ...]]} names them. */
    private static List<Node> inputs(JsonNode inbound, Map<String, Node> made) {
        if (inbound.size() > 1) {
            throw new IllegalArgumentException("the layer is called " + inbound.size()
                    + " times (a shared layer); reading shared layers from Keras files is not supported yet");
        }
        List<Node> nodes = new ArrayList<>();
        if (inbound.size() == 1) {
            for (JsonNode reference : inbound.get(0)) {
                nodes.add(find(reference, made));
            }
        }
        return nodes;
    }

    /** The nodes {@code input_layers} or {@code output_layers} name, as {@code [["input_1", 0, 0]]}. */
    private static List<Node> ends(JsonNode references, Map<String, Node> made) {
        List<Node> nodes = new ArrayList<>();
        for (JsonNode reference : references) {
            nodes.add(find(reference, made));
        }
        return nodes;
    }

    private static Node find(JsonNode reference, Map<String, Node> made) {
        Node node = made.get(reference.path(0).asText());
        if (node == null || reference.path(1).asInt(0) != 0) {
            throw new IllegalArgumentException("it refers to " + reference + ", which names no layer read before it");
        }
        return node;
    }
}
