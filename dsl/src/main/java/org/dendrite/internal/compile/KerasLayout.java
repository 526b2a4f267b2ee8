package org.dendrite.internal.compile;

import java.util.List;
import org.dendrite.layers.ActivationLayer;
import org.dendrite.layers.BatchNorm;
import org.dendrite.layers.Dense;
import org.dendrite.layers.LSTM;
import org.dendrite.layers.Layer;
import org.dendrite.layers.Weighted;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A layer's parameters in Keras's layout ({@code get_weights()}), from DL4J's and back, where the two
 * differ beyond a layer's own kernel layout ({@link Weighted#toKeras}): an LSTM's four gates, which
 * Keras orders input, forget, cell, output and DL4J cell, forget, output, input; and the kernel of a
 * Dense layer fed a flattened image, whose rows Keras orders pixel by pixel (height, width, channels)
 * and DL4J channel by channel.
 */
public final class KerasLayout {

    private KerasLayout() {}

    /** DL4J's gate blocks, by Keras's gate: i is DL4J's 4th block, f its 2nd, c its 1st, o its 3rd. */
    private static final int[] KERAS_FROM_DL4J = {3, 1, 0, 2};
    /** Keras's gate blocks, by DL4J's: c is Keras's 3rd block, f its 2nd, o its 4th, i its 1st. */
    private static final int[] DL4J_FROM_KERAS = {2, 1, 3, 0};

    /**
     * @param image the image (height, width, channels) flattened before this layer, or null
     */
    public static INDArray toKeras(Layer layer, String key, INDArray dl4j, long[] image) {
        INDArray keras = layer instanceof Weighted w ? w.toKeras(key, dl4j) : dl4j.dup();
        if (layer instanceof LSTM) {
            return gates(keras, KERAS_FROM_DL4J);
        }
        if (layer instanceof Dense && key.equals("W") && image != null) {
            return keras.getRows(rowsInKerasOrder(image));
        }
        return keras;
    }

    /** The inverse of {@link #toKeras}. */
    public static INDArray fromKeras(Layer layer, String key, INDArray keras, long[] image) {
        INDArray dl4j = layer instanceof Weighted w ? w.fromKeras(key, keras) : keras;
        if (layer instanceof LSTM) {
            return gates(dl4j, DL4J_FROM_KERAS);
        }
        if (layer instanceof Dense && key.equals("W") && image != null && dl4j.rank() == 2) {
            int[] keras2dl4j = rowsInKerasOrder(image);
            int[] inverse = new int[keras2dl4j.length];
            for (int q = 0; q < keras2dl4j.length; q++) {
                inverse[keras2dl4j[q]] = q;
            }
            return dl4j.getRows(inverse);
        }
        return dl4j;
    }

    /**
     * The image flattened before layer {@code i} reaches it (directly, or through Flatten and layers
     * that keep the shape), or null: then Dense's kernel rows follow Keras's flattening.
     *
     * @param inputs each layer's input shape
     */
    public static long[] flattenedImage(List<Layer> layers, List<long[]> inputs, int i) {
        if (!(layers.get(i) instanceof Dense)) {
            return null;
        }
        for (int j = i; j >= 0; j--) {
            long[] in = inputs.get(j);
            if (in.length == 3) {
                return in;
            }
            if (j < i && !passesThrough(layers.get(j))) {
                return null; // a layer with weights of its own (or pooling) comes between
            }
        }
        return null;
    }

    /** Layers that hand the flattened values on in the same order: those that pass their input through, and element-wise ones. */
    private static boolean passesThrough(Layer layer) {
        return NetworkBuilder.passesInputThrough(layer)
                || layer instanceof ActivationLayer
                || layer instanceof BatchNorm;
    }

    /** For each row of a Keras kernel over a flattened (h, w, c) image, the DL4J row holding it. */
    private static int[] rowsInKerasOrder(long[] image) {
        int h = (int) image[0];
        int w = (int) image[1];
        int c = (int) image[2];
        int[] rows = new int[h * w * c];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                for (int k = 0; k < c; k++) {
                    rows[(i * w + j) * c + k] = (k * h + i) * w + j;
                }
            }
        }
        return rows;
    }

    /** The four gate blocks of the last axis reordered: block b of the result is block {@code order[b]}. */
    private static INDArray gates(INDArray array, int[] order) {
        INDArray matrix = array.rank() == 1 ? array.reshape(1, array.length()) : array;
        long units = matrix.size(1) / 4;
        INDArray[] blocks = new INDArray[4];
        for (int b = 0; b < 4; b++) {
            blocks[b] = matrix.get(
                    org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(order[b] * units, (order[b] + 1) * units));
        }
        INDArray result = Nd4j.hstack(blocks);
        return array.rank() == 1 ? result.reshape(array.length()) : result;
    }
}
