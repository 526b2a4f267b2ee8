package org.dendrite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.dendrite.internal.compile.KerasLayout;
import org.dendrite.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One layer's weights as Keras's {@code get_weights()} lists them, and the translation of a whole
 * model's between DL4J's arrays and Keras's order and layout ({@link Model#getWeights},
 * {@link Model#setWeights}).
 *
 * @param name   the layer as messages name it: {@code "layer 2"}, {@code "dense_1"}
 * @param params its DL4J parameters in Keras's order: kernel, recurrent kernel, bias, then the
 *               rest as DL4J lists them (conv layers list bias first)
 * @param image  the image flattened before it, whose order Dense's kernel rows follow, or null
 */
record LayerWeights(String name, Layer layer, List<Map.Entry<String, INDArray>> params, long[] image) {

    /** DL4J's names of kernel, recurrent kernel and bias, in the order Keras's {@code get_weights()} lists them. */
    private static final List<String> KERAS_ORDER = List.of("W", "RW", "b");

    /** A layer's weights from DL4J's parameter table, put in Keras's order. */
    static LayerWeights of(String name, Layer layer, Map<String, INDArray> table, long[] image) {
        var entries = new ArrayList<>(table.entrySet());
        entries.sort(Comparator.comparingInt(
                e -> KERAS_ORDER.contains(e.getKey()) ? KERAS_ORDER.indexOf(e.getKey()) : KERAS_ORDER.size()));
        return new LayerWeights(name, layer, entries, image);
    }

    /** Copies of every layer's weights, in Keras's order and layout. */
    static List<INDArray> inKerasLayout(List<LayerWeights> layers) {
        List<INDArray> weights = new ArrayList<>();
        for (LayerWeights layer : layers) {
            for (var e : layer.params()) {
                weights.add(KerasLayout.toKeras(layer.layer(), e.getKey(), e.getValue(), layer.image()));
            }
        }
        return weights;
    }

    /**
     * Sets every layer's weights from arrays in Keras's order and layout (a bias may also be given as
     * a vector); nothing is set unless every array fits.
     *
     * @throws IllegalArgumentException naming the array, its layer and both shapes on any mismatch
     */
    static void set(List<LayerWeights> layers, INDArray... weights) {
        List<INDArray> targets = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<LayerWeights> owners = new ArrayList<>();
        for (LayerWeights layer : layers) {
            for (var e : layer.params()) {
                targets.add(e.getValue());
                keys.add(e.getKey());
                owners.add(layer);
            }
        }
        if (weights.length != targets.size()) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                names.add(owners.get(i).name() + " " + kind(keys.get(i)));
            }
            throw new IllegalArgumentException("setWeights needs " + targets.size() + " arrays ("
                    + String.join(", ", names) + "), received " + weights.length);
        }
        List<INDArray> converted = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            LayerWeights owner = owners.get(i);
            INDArray given = KerasLayout.fromKeras(owner.layer(), keys.get(i), weights[i], owner.image());
            INDArray target = targets.get(i);
            boolean sameShape = Arrays.equals(given.shape(), target.shape())
                    || (target.rank() == 2
                            && target.size(0) == 1
                            && given.rank() == 1
                            && given.length() == target.length());
            if (!sameShape) {
                throw new IllegalArgumentException("weight " + i + " (" + owner.name() + " " + kind(keys.get(i))
                        + ") has shape " + Arrays.toString(weights[i].shape()) + " but the layer expects "
                        + Arrays.toString(KerasLayout.toKeras(owner.layer(), keys.get(i), target, owner.image())
                                .shape()));
            }
            converted.add(given);
        }
        for (int i = 0; i < weights.length; i++) {
            INDArray target = targets.get(i);
            target.assign(converted.get(i).reshape(target.shape()).castTo(target.dataType()));
        }
    }

    /** Keras's word for a DL4J parameter: {@code "kernel"} for W. */
    private static String kind(String key) {
        return switch (key) {
            case "W" -> "kernel";
            case "RW" -> "recurrent kernel";
            case "b" -> "bias";
            default -> key;
        };
    }
}
