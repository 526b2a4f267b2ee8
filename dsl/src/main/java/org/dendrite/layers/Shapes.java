package org.dendrite.layers;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The shape of one example as Keras writes it, without the batch: {@code (8)} for a row of
 * features, {@code (20, 3)} for 20 timesteps of 3 features, {@code (28, 28, 1)} for an image of
 * height × width × channels; and the checks the layers' shape rules share.
 */
public final class Shapes {

    private Shapes() {}

    /** E.g. {@code (28, 28, 1)}. */
    public static String describe(long[] shape) {
        return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
    }

    /** Keras's notation, batch first: {@code (None, 12)}, {@code (None, 26, 26, 32)}. */
    public static String keras(long[] shape) {
        return describe(shape).replace("(", "(None, ");
    }

    static void requireImage(String kind, long[] input) {
        if (input.length != 3) {
            throw new IllegalArgumentException(
                    kind + " expects images (height, width, channels), received " + what(input));
        }
    }

    static void requireSequence(String kind, long[] input) {
        if (input.length != 2) {
            throw new IllegalArgumentException(
                    kind + " expects sequences (timesteps, features), received " + what(input)
                            + (input.length == 1
                                    ? "; declare input(timesteps, features), or end the layers before it with a sequence"
                                    : ""));
        }
    }

    /** {@code "shape (8)"}, with what it looks like. */
    static String what(long[] shape) {
        String kind =
                switch (shape.length) {
                    case 1 -> "a row of features";
                    case 2 -> "a sequence";
                    case 3 -> "an image";
                    default -> "an array";
                };
        return kind + " " + describe(shape);
    }

    /**
     * One side of a convolution or pooling output: Keras's rule, {@code ceil(in / stride)} with
     * {@code SAME} padding and {@code floor((in - window) / stride) + 1} with {@code VALID}.
     */
    static long side(String kind, String axis, long in, int window, int stride, Padding padding) {
        if (padding == Padding.SAME) {
            return (in + stride - 1) / stride;
        }
        if (in < window) {
            throw new IllegalArgumentException(kind + "'s window of " + window + " is larger than the input's " + axis
                    + " of " + in + " (valid padding); use a smaller window, SAME padding, or a larger input");
        }
        return (in - window) / stride + 1;
    }

    /** The number of values in one example of {@code shape}. */
    public static long size(long[] shape) {
        return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    }
}
