package org.dendrite.internal.compile;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.dendrite.Sequential;
import org.dendrite.datasets.Dataset;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Every layer's shape rule, run over the stack before DL4J sees the model, as Keras builds one. */
class ShapeCheckTest {

    private static String refusal(Sequential layers, long... input) {
        return assertThrows(IllegalArgumentException.class, () -> ShapeCheck.outputShapes(layers.layers(), input))
                .getMessage();
    }

    @Test
    void aRecurrentLayerAfterADenseOneIsRefusedNotRunOnOneStepSequences() {
        assertEquals(
                "layer 1 (LSTM(3)): LSTM expects sequences (timesteps, features), received a row of features (4); declare "
                        + "input(timesteps, features), or end the layers before it with a sequence (from layer 0, Dense(4))",
                refusal(Sequential().dense(4).lstm(3).dense(1), 8));
    }

    @Test
    void aWindowLargerThanTheImageIsRefused() {
        assertEquals(
                "layer 0 (MaxPool(7)): MaxPooling2D's window of 7 is larger than the input's height of 5 (valid padding); "
                        + "use a smaller window, SAME padding, or a larger input (from the input)",
                refusal(Sequential().maxPool(7).flatten().dense(1), 5, 5, 1));
        assertEquals(
                "layer 1 (Conv2D(2, 4×4)): Conv2D's window of 4 is larger than the input's height of 3 (valid padding); "
                        + "use a smaller window, SAME padding, or a larger input (from layer 0, Conv2D(2, 3×3))",
                refusal(Sequential().conv2d(2, 3).conv2d(2, 4).flatten().dense(1), 5, 5, 1));
        assertEquals(
                List.of(3L, 3L, 2L),
                asList(ShapeCheck.outputShapes(
                                Sequential()
                                        .conv2d(2, 4, SAME, strides(2))
                                        .flatten()
                                        .dense(1)
                                        .layers(),
                                new long[] {5, 5, 1})
                        .get(0)),
                "SAME: ceil(5 / 2)");
    }

    @Test
    void imageLayersRefuseRowsAndDenseRefusesSequences() {
        assertEquals(
                "layer 1 (MaxPool(2)): MaxPooling2D expects images (height, width, channels), received a row of features (8) "
                        + "(from layer 0, Dense(8))",
                refusal(Sequential().dense(8).maxPool(2).dense(1), 4));
        assertEquals(
                "layer 1 (Dense(1, sigmoid)): Dense expects a row of features (an image is flattened), received a sequence "
                        + "(6, 4); end the recurrent layers with returnSequences false, or flatten() (from layer 0, LSTM(4, return sequences))",
                refusal(Sequential().lstm(4, true).dense(1, SIGMOID), 6, 2));
    }

    @Test
    void theOutputMustBeARowLikeTheLabels() {
        assertEquals(
                "the model's output is (3, 3, 4) per example (layer 1, Activation(softmax)), but labels are rows of numbers: "
                        + "put flatten() or globalAvgPool() before the output layer",
                refusal(Sequential().conv2d(4, 3).activation(SOFTMAX), 5, 5, 1));
    }

    @Test
    void labelsAreCheckedAgainstTheRealOutputWidthNotTheLastDenseLayer() {
        // Before the shape rules, a model ending in pooling + activation had no Dense layer to read the width from.
        var model = Sequential()
                .input(5, 5, 1)
                .conv2d(4, 3)
                .globalAvgPool()
                .activation(SOFTMAX)
                .compile(adam, categoricalCrossEntropy);
        var images = Dataset.of(Nd4j.rand(6, 25), Nd4j.zeros(6, 3)).asImages(5, 5, 1);
        assertEquals(
                "the labels have 3 columns but the output layer (layer 2, Activation(softmax)) has 4 units",
                assertThrows(IllegalArgumentException.class, () -> model.fit(images, 1))
                        .getMessage());
    }

    @Test
    void theRulesAgreeWithDl4jOnEveryLayerKind() {
        check(
                Sequential()
                        .conv2d(32, 3, RELU)
                        .conv2d(64, 3, RELU)
                        .maxPool(2)
                        .dropout(0.25)
                        .flatten()
                        .dense(128, RELU)
                        .dense(10, SOFTMAX),
                28,
                28,
                1);
        check(
                Sequential()
                        .conv2d(4, 3, 2, strides(2, 1), SAME)
                        .avgPool(2, strides(1), SAME)
                        .zeroPadding(1)
                        .upSampling(2)
                        .batchNorm()
                        .gaussianNoise(0.1)
                        .globalMaxPool()
                        .dense(2, SOFTMAX),
                9,
                12,
                3);
        check(Sequential().conv2d(3, 3).globalAvgPool().dense(1, SIGMOID), 7, 6, 2);
        check(Sequential().lstm(6, true).simpleRnn(4, true).lstm(3).dense(1, SIGMOID), 7, 2);
        check(Sequential().embedding(50, 8).lstm(5).dense(3, SOFTMAX), 12);
        check(
                Sequential()
                        .dense(12, RELU)
                        .alphaDropout(0.1)
                        .gaussianDropout(0.1)
                        .dense(1, SIGMOID),
                8);
    }

    /** Our shape of every layer but Flatten (which DL4J leaves to a preprocessor) equals DL4J's own activation type. */
    private static void check(Sequential model, long... input) {
        var layers = model.layers();
        List<long[]> ours = ShapeCheck.outputShapes(layers, input);
        var dl4j = model.input(input).compile(adam, mse).configuration();
        List<InputType> theirs = dl4j.getLayerActivationTypes(NetworkBuilder.inputType(input));
        for (int i = 0; i < layers.size(); i++) {
            if (!layers.get(i).kind().equals("Flatten")) {
                assertEquals(asList(keras(theirs.get(i))), asList(ours.get(i)), "layer " + i + " " + layers.get(i));
            }
        }
    }

    private static long[] keras(InputType type) {
        if (type instanceof InputType.InputTypeConvolutional c) {
            return new long[] {c.getHeight(), c.getWidth(), c.getChannels()};
        }
        if (type instanceof InputType.InputTypeRecurrent r) {
            return new long[] {r.getTimeSeriesLength(), r.getSize()};
        }
        return new long[] {((InputType.InputTypeFeedForward) type).getSize()};
    }

    private static List<Long> asList(long[] shape) {
        return Arrays.stream(shape).boxed().toList();
    }
}
