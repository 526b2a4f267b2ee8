package org.dendrite.internal.compile;

import java.util.List;
import java.util.Locale;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.dendrite.layers.Layer;
import org.dendrite.layers.Shapes;
import org.dendrite.optimizers.Optimizer;

/**
 * Refuses, before anything is allocated, a model or a batch that cannot fit in the memory ND4J may
 * use (JavaCPP's {@code maxBytes}, else the machine's): a layer of a billion units otherwise fails
 * as {@code std::bad_alloc} deep in native code, or grows the process until the system kills it.
 */
public final class MemoryCheck {

    private MemoryCheck() {}

    /**
     * Weights, their gradients and the optimiser's state (Adam keeps two more arrays of the same size).
     *
     * @throws IllegalArgumentException naming the largest layer, its parameters, the bytes needed and the limit
     */
    public static void parameters(MultiLayerConfiguration conf, List<Layer> layers, Optimizer optimizer) {
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            names.add("layer " + i + " (" + layers.get(i) + ")");
        }
        parameters(conf.getConfs(), names, optimizer);
    }

    /**
     * The same check for any network's layers.
     *
     * @param names each layer as messages name it: {@code "layer 2 (Dense(10, softmax))"}
     */
    public static void parameters(List<NeuralNetConfiguration> layers, List<String> names, Optimizer optimizer) {
        long total = 0;
        int largest = 0;
        long largestParams = -1;
        for (int i = 0; i < layers.size(); i++) {
            NeuralNetConfiguration layer = layers.get(i);
            long params = layer.getLayer().initializer().numParams(layer);
            total += params;
            if (params > largestParams) {
                largest = i;
                largestParams = params;
            }
        }
        long bytes = Float.BYTES * (2 * total + optimizer.toDl4j().stateSize(total));
        if (bytes > limit()) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "%s has %,d parameters; the model's %,d parameters with their gradients and %s's state need %s,"
                            + " more than the %s ND4J may use (%s)",
                    names.get(largest),
                    largestParams,
                    total,
                    optimizer,
                    gigabytes(bytes),
                    gigabytes(limit()),
                    HOW));
        }
    }

    /**
     * One training batch's activations and their gradients, from each layer's output shape.
     *
     * @throws IllegalArgumentException naming the batch size, the bytes needed and the limit
     */
    public static void batch(List<long[]> shapes, long[] input, int batchSize) {
        long values = Shapes.size(input);
        for (long[] shape : shapes) {
            values += Shapes.size(shape);
        }
        long bytes = 3L * Float.BYTES * batchSize * values; // activations, their gradients, DL4J's pre-activations
        if (bytes > limit()) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "a batch of %d examples needs about %s for its activations, more than the %s ND4J may use; use a smaller"
                            + " batch (%s)",
                    batchSize,
                    gigabytes(bytes),
                    gigabytes(limit()),
                    HOW));
        }
    }

    private static final String HOW =
            "raise the limit with -Dorg.bytedeco.javacpp.maxBytes=8g, and the JVM's with -Xmx";

    /** What ND4J may allocate off the heap: JavaCPP's limit where one is set, the machine's memory otherwise. */
    private static long limit() {
        long physical = Pointer.totalPhysicalBytes();
        long max = Pointer.maxBytes();
        return max > 0 && (physical <= 0 || max < physical) ? max : physical > 0 ? physical : Long.MAX_VALUE;
    }

    private static String gigabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }
}
