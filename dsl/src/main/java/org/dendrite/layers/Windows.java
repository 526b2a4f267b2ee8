package org.dendrite.layers;

import java.util.Objects;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.dendrite.layers.options.LayerOption;
import org.dendrite.layers.options.Strides;

/** What {@link MaxPooling2D} and {@link AveragePooling2D} share: their options, argument check, DL4J layer and description. */
final class Windows {

    private Windows() {}

    static Arguments arguments(String kind, LayerOption[] options) {
        return new Arguments(kind, options, Strides.class, Padding.class);
    }

    static void require(String kind, int size, Strides strides, Padding padding) {
        if (size <= 0) {
            throw new IllegalArgumentException(kind + " expects a positive pool size, received size=" + size);
        }
        Objects.requireNonNull(strides, "strides");
        Objects.requireNonNull(padding, "padding");
    }

    static org.deeplearning4j.nn.conf.layers.Layer pooling(
            PoolingType type, int size, Strides strides, Padding padding) {
        return new SubsamplingLayer.Builder(type)
                .kernelSize(size, size)
                .stride(strides.height(), strides.width())
                .convolutionMode(padding.toDl4j())
                .build();
    }

    static long[] outputShape(String kind, long[] input, int size, Strides strides, Padding padding) {
        Shapes.requireImage(kind, input);
        return new long[] {
            Shapes.side(kind, "height", input[0], size, strides.height(), padding),
            Shapes.side(kind, "width", input[1], size, strides.width(), padding),
            input[2]
        };
    }

    /** One value per channel: {@code (height, width, channels)} → {@code (channels)}. */
    static long[] globalOutputShape(String kind, long[] input) {
        Shapes.requireImage(kind, input);
        return new long[] {input[2]};
    }

    static String describe(String name, int size, Strides strides, Padding padding) {
        return name + "(" + size + window(strides, new Strides(size, size), padding) + ")";
    }

    /** The strides and padding as arguments, each left out when it is the default: {@code ", strides(2), same"}. */
    static String window(Strides strides, Strides usual, Padding padding) {
        return (strides.equals(usual) ? "" : ", " + strides) + (padding == Padding.VALID ? "" : ", same");
    }
}
