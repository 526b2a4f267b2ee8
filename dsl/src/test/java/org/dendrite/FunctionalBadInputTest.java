package org.dendrite;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.dendrite.datasets.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every mistake in a functional graph is caught where the graph is written or compiled, before any
 * training, with a message that names the nodes and the shapes involved.
 */
class FunctionalBadInputTest {

    /** The message of the IllegalArgumentException {@code call} throws, checked to hold every part. */
    private static String refused(Executable call, String... parts) {
        String message = assertThrows(IllegalArgumentException.class, call).getMessage();
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "\"" + part + "\" missing from: " + message);
        }
        return message;
    }

    @Test
    void addingNodesOfDifferentWidths() {
        refused(() -> add(Input(32), Input(16)), "Add needs inputs of one shape", "(None, 32) and (None, 16)");
    }

    @Test
    void concatenatingImagesOfDifferentSizes() {
        refused(
                () -> concatenate(Input(4, 4, 8), Input(5, 5, 8)),
                "Concatenate joins inputs along the last axis",
                "axis 1 is 4 and 5",
                "(None, 4, 4, 8) and (None, 5, 5, 8)");
    }

    @Test
    void concatenatingARowAndAnImage() {
        refused(
                () -> concatenate(Input(8), Input(4, 4, 8)),
                "Concatenate needs inputs of one rank",
                "(None, 8) and (None, 4, 4, 8)");
    }

    @Test
    void addingASingleNode() {
        // subtract takes exactly two nodes by its signature; the others take any number, but at least two
        refused(() -> add(Input(8)), "Add takes 2 or more inputs, received 1", "Input (None, 8)");
        assertEquals("Add takes 2 or more inputs, received 0", refused(() -> add()));
    }

    @Test
    void anInputNoOutputUses() {
        var used = Input(8);
        var unused = Input(4);
        refused(
                () -> Model(List.of(used, unused), List.of(used.dense(1, SIGMOID))),
                "input 1 (shape (None, 4)) is not used by any output [dense (None, 1)]");
    }

    @Test
    void anOutputOnAnUndeclaredInput() {
        var declared = Input(8);
        var forgotten = Input(3);
        refused(
                () -> Model(declared, concatenate(declared, forgotten).dense(1, SIGMOID)),
                "output dense depends on an Input of shape (None, 3)",
                "not among the model's inputs [input_layer (None, 8)]");
    }

    @Test
    void twoNodesWithOneName() {
        var input = Input(8).named("x");
        refused(
                () -> Model(input, input.dense(1, SIGMOID).named("x")),
                "two nodes are named \"x\"",
                "x Input (None, 8)",
                "x Dense(1, sigmoid) (None, 1)");
    }

    @Test
    void aConvolutionOnARow() {
        refused(
                () -> Input(8).conv2d(32, 3, RELU),
                "Conv2D(32, 3×3, relu): Conv2D expects images",
                "row of features (8)",
                "(from Input (None, 8))");
    }

    @Test
    void anOutputComputedByFlatten() {
        var image = Input(4, 4, 1);
        var model = Model(image, image.flatten());
        refused(
                () -> model.compile(adam, crossEntropy),
                "output flatten (Node[Flatten() (None, 16)]) cannot end a model",
                "dense(...) or activation(...)");
    }

    @Test
    void anOutputComputedByAMerge() {
        var input = Input(8);
        var model = Model(input, add(input.dense(4), input.dense(4)));
        refused(() -> model.compile(adam, crossEntropy), "output add (Node[Add() (None, 4)]) cannot end a model");
    }

    @Test
    void anOutputThatIsAnImage() {
        var image = Input(4, 4, 1);
        var model = Model(image, image.conv2d(2, 3).activation(SOFTMAX));
        refused(
                () -> model.compile(adam, crossEntropy),
                "output activation is (None, 2, 2, 2) per example",
                "labels are rows of numbers");
    }

    @Test
    void oneNodeGivenTwiceAsAnInput() {
        var input = Input(8);
        refused(
                () -> Model(List.of(input, input), List.of(input.dense(1, SIGMOID))),
                "the model's inputs 0 and 1 are the same node, Node[Input (None, 8)]");
    }

    @Test
    void inputSizesThatAreNotPositiveOrTooMany() {
        refused(() -> Input(0), "positive sizes, received [0]");
        refused(() -> Input(4, -1), "positive sizes, received [4, -1]");
        refused(() -> Input(2, 3, 4, 5), "1 (features), 2 (timesteps, features) or 3", "received [2, 3, 4, 5]");
    }

    @Test
    void nodeNamesThatAreNotIdentifiers() {
        refused(() -> Input(8).named("2x"), "a node name starts with a letter", "received \"2x\"");
        refused(() -> Input(8).named("has space"), "received \"has space\"");
    }

    /** A model of two inputs, medical (6 features) and person (2), and one output. */
    private static Model twoInputs() {
        var medical = Input(6).named("medical");
        var person = Input(2).named("person");
        var out = concatenate(medical, person).dense(1, SIGMOID).named("diabetes");
        return Model(List.of(medical, person), List.of(out)).compile(adam, crossEntropy);
    }

    @Test
    void dataWithTooFewFeatureArrays() {
        refused(
                () -> twoInputs().fit(Dataset.of(Nd4j.rand(10, 6), Nd4j.zeros(10, 1)), 1),
                "the data has 1 feature array but the model has 2 inputs [medical, person]");
        refused(
                () -> twoInputs().predict(List.of(Nd4j.rand(10, 6))),
                "the data has 1 feature array but the model has 2 inputs [medical, person]");
    }

    @Test
    void aFeatureArrayOfTheWrongWidthIsNamedByItsInput() {
        var data = Dataset.of(List.of(Nd4j.rand(10, 6), Nd4j.rand(10, 3)), List.of(Nd4j.zeros(10, 1)));
        refused(() -> twoInputs().fit(data, 1), "feature array 1 (input person)", "[3]", "expects [2]");
    }

    @Test
    void labelsForAnOutputTheModelDoesNotHave() {
        var data =
                Dataset.of(List.of(Nd4j.rand(10, 6), Nd4j.rand(10, 2)), List.of(Nd4j.zeros(10, 1), Nd4j.zeros(10, 1)));
        refused(() -> twoInputs().fit(data, 1), "2 label arrays but the model has 1 output [diabetes]");
    }

    @Test
    void oneArrayForAModelOfSeveralInputs() {
        refused(
                () -> twoInputs().predict(Nd4j.rand(10, 6)),
                "predict(INDArray) holds one feature array",
                "this model has 2 inputs and 1 output");
    }

    @Test
    void aLossCountThatMatchesNeitherOneNorEveryOutput() {
        var in = Input(4);
        var model = Model(List.of(in), List.of(in.dense(1, SIGMOID), in.dense(3, SOFTMAX)));
        refused(
                () -> model.compile(adam, List.of(binaryCrossEntropy, mse, mae)),
                "the model has 2 outputs [dense, dense_1] and received 3 losses");
    }

    @Test
    void aSharedBlockAppliedToItsOwnOutput() {
        var in = Input(4);
        var twin = Sequential().dense(4, RELU);
        var twice = twin.apply(twin.apply(in));
        refused(() -> Model(in, twice.dense(1, SIGMOID)), "is applied to a node computed from its own output");
    }

    @Test
    void scalingAnythingButAnInput() {
        var scaler =
                org.dendrite.datasets.Normalizer.standardize().fit(Dataset.of(Nd4j.rand(10, 4), Nd4j.zeros(10, 1)));
        refused(() -> Input(4).dense(4).normalize(scaler), "goes on an Input, not on Node[Dense(4) (None, 4)]");
        refused(() -> Input(4).normalize(org.dendrite.datasets.Normalizer.standardize()), "needs a fitted normalizer");
    }

    @Test
    void tokensOutsideAnEmbeddingsVocabularyOnAnyBranch() {
        var words = Input(5).named("words");
        var plain = words.dense(2);
        var embedded = Sequential().embedding(10, 3).flatten().apply(words);
        Model model =
                Model(words, concatenate(plain, embedded).dense(1, SIGMOID)).compile(adam, crossEntropy);
        INDArray tokens = Nd4j.createFromArray(new float[][] {{1, 2, 3, 4, 12}});
        refused(
                () -> model.predict(tokens),
                "token 12.0 at row 0, column 4 is not an index 0..9 of sequential/embedding");
    }
}
