package org.dendrite.internal.compile;

import java.util.ArrayList;
import java.util.List;
import org.dendrite.layers.Layer;
import org.dendrite.layers.Shapes;

/**
 * Runs every layer's shape rule over the stack once the input shape is known, as Keras builds a
 * model: the first impossible step is reported with the layer's index and kind, the shape it
 * received and what it needs, before DL4J sees the model.
 */
public final class ShapeCheck {

    private ShapeCheck() {}

    /**
     * Each layer's output shape, in order; the last is the model's output, which must be a row of
     * numbers, as labels are.
     *
     * @param input the shape of one example, in Keras's layout
     * @throws IllegalArgumentException naming the first layer that cannot take what it receives
     */
    public static List<long[]> outputShapes(List<Layer> layers, long[] input) {
        List<long[]> shapes = layerShapes(layers, input);
        long[] shape = shapes.get(shapes.size() - 1);
        if (shape.length != 1) {
            int last = layers.size() - 1;
            throw new IllegalArgumentException("the model's output is " + Shapes.describe(shape)
                    + " per example (layer " + last + ", " + layers.get(last)
                    + "), but labels are rows of numbers: put flatten() or globalAvgPool() before the output layer");
        }
        return shapes;
    }

    /**
     * Each layer's output shape, in order, for layers that need not end a model (a Sequential
     * applied as a layer of a functional one).
     *
     * @throws IllegalArgumentException naming the first layer that cannot take what it receives
     */
    public static List<long[]> layerShapes(List<Layer> layers, long[] input) {
        List<long[]> shapes = new ArrayList<>();
        long[] shape = input;
        for (int i = 0; i < layers.size(); i++) {
            try {
                shape = layers.get(i).outputShape(shape);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "layer " + i + " (" + layers.get(i) + "): " + e.getMessage() + " (from "
                                + (i == 0 ? "the input" : "layer " + (i - 1) + ", " + layers.get(i - 1)) + ")",
                        e);
            }
            shapes.add(shape);
        }
        return List.copyOf(shapes);
    }
}
