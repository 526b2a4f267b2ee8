package org.dendrite;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.dendrite.datasets.Dataset;
import org.dendrite.datasets.Datasets;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's functional API: graphs of layers compile to DL4J's ComputationGraph with Keras's shapes,
 * parameter counts and names, and train as the same layers in a Sequential do.
 */
class FunctionalTest {

    /** Row by row: name, output shape, parameters. */
    private static List<String> rows(Model model) {
        return model.summaryTable().rows().stream()
                .map(r -> r.name() + " " + r.outputShape() + " " + r.params())
                .toList();
    }

    @Test
    void aResidualCnnHasKerasShapesAndParameterCounts() {
        var image = Input(28, 28, 1);
        var x = image.conv2d(32, 3, RELU, SAME);
        var y = x.conv2d(32, 3, RELU, SAME);
        var out = add(x, y).maxPool(2).flatten().dense(10, SOFTMAX);
        var model = Model(image, out).compile(adam, crossEntropy, accuracy);
        // Keras: conv2d 3·3·1·32 + 32 = 320; conv2d_1 3·3·32·32 + 32 = 9,248; add and pooling have none;
        // flatten 14·14·32 = 6,272 values; dense 6,272·10 + 10 = 62,730.
        assertEquals(
                List.of(
                        "input_layer (None, 28, 28, 1) 0",
                        "conv2d (None, 28, 28, 32) 320",
                        "conv2d_1 (None, 28, 28, 32) 9248",
                        "add (None, 28, 28, 32) 0",
                        "max_pooling2d (None, 14, 14, 32) 0",
                        "flatten (None, 6272) 0",
                        "dense (None, 10) 62730"),
                rows(model));
        assertEquals(72_298, model.summaryTable().totalParams());
        assertEquals(72_298, model.graph().numParams(), "DL4J's graph holds exactly Keras's parameters");
        assertEquals(
                List.of("conv2d[0][0]", "conv2d_1[0][0]"),
                model.summaryTable().rows().get(3).connectedTo());
        assertTrue(model.summaryTable().toString().contains("Connected to"));
    }

    @Test
    void aWideAndDeepModelTakesTwoInputs() {
        var wide = Input(8).named("wide");
        var deep = Input(8).named("deep");
        var hidden = deep.dense(12, RELU).dense(8, RELU);
        var out = concatenate(wide, hidden).dense(1, SIGMOID);
        var model = Model(List.of(wide, deep), List.of(out)).compile(adam, crossEntropy);
        // Keras: dense 8·12 + 12 = 108; dense_1 12·8 + 8 = 104; concatenate 8 + 8 = 16 wide; dense_2 16 + 1 = 17.
        assertEquals(
                List.of(
                        "wide (None, 8) 0",
                        "deep (None, 8) 0",
                        "dense (None, 12) 108",
                        "dense_1 (None, 8) 104",
                        "concatenate (None, 16) 0",
                        "dense_2 (None, 1) 17"),
                rows(model));
        assertEquals(229, model.graph().numParams());
    }

    @Test
    void aTwoOutputModelCountsBothHeads() {
        var image = Input(28, 28, 1);
        var features = image.conv2d(16, 3, RELU).maxPool(2).flatten().dense(64, RELU);
        var digit = features.dense(10, SOFTMAX).named("digit");
        var even = features.dense(1, SIGMOID).named("even");
        var model = Model(List.of(image), List.of(digit, even)).compile(adam, crossEntropy);
        // Keras: conv2d 3·3·16 + 16 = 160; flatten 13·13·16 = 2,704; dense 2,704·64 + 64 = 173,120;
        // digit 64·10 + 10 = 650; even 64 + 1 = 65: 173,995 in all.
        assertEquals(173_995, model.summaryTable().totalParams());
        assertEquals(173_995, model.graph().numParams());
        assertEquals(
                List.of("LossMCXENT", "LossBinaryXENT"),
                model.graph().getConfiguration().getNetworkOutputs().stream()
                        .map(o -> ((org.dendrite.runtime.WeightedExamples)
                                        ((org.deeplearning4j.nn.conf.layers.BaseOutputLayer)
                                                        ((org.deeplearning4j.nn.conf.graph.LayerVertex) model.graph()
                                                                        .getConfiguration()
                                                                        .getVertices()
                                                                        .get(o))
                                                                .getLayerConf()
                                                                .getLayer())
                                                .getLossFn())
                                .getOf()
                                .getClass()
                                .getSimpleName())
                        .toList(),
                "crossEntropy resolves per output: categorical for softmax, binary for sigmoid");
    }

    @Test
    void aChainWrittenAsAGraphTrainsExactlyAsTheSequentialModel() {
        Dataset pima = Datasets.pima();
        Model sequential = Sequential()
                .input(8)
                .dense(12, RELU, HE)
                .dense(8, RELU)
                .dense(1, SIGMOID)
                .compile(adam, crossEntropy, accuracy);
        var input = Input(8);
        Model graph = Model(input, input.dense(12, RELU, HE).dense(8, RELU).dense(1, SIGMOID))
                .compile(adam, crossEntropy, accuracy);
        assertEquals(sequential.network().numParams(), graph.graph().numParams());
        List<INDArray> before = sequential.getWeights();
        List<INDArray> graphBefore = graph.getWeights();
        for (int i = 0; i < before.size(); i++) {
            assertEquals(before.get(i), graphBefore.get(i), "initial weight " + i + " for the same seed");
        }
        var a = sequential.fit(pima, epochs(3).verbose(0));
        var b = graph.fit(pima, epochs(3).verbose(0));
        for (int epoch = 0; epoch < 3; epoch++) {
            assertEquals(a.loss().get(epoch), b.loss().get(epoch), 1e-5, "loss of epoch " + (epoch + 1));
            assertEquals(
                    a.metric("accuracy").get(epoch),
                    b.metric("accuracy").get(epoch),
                    1e-6,
                    "accuracy, epoch " + (epoch + 1));
        }
        assertEquals(
                sequential.evaluate(pima).loss(), graph.evaluate(pima).loss(), 1e-5, "evaluate agrees after training");
        assertEquals(
                0,
                sequential.predict(pima).sub(graph.predict(pima)).amaxNumber().doubleValue(),
                1e-5);
    }

    /** Two blobs (label {@code side}) whose second feature also says whether the point lies high ({@code high}). */
    private static Dataset twoTargets(int n) {
        Dataset blobs = TestData.blobs(n, 3);
        INDArray x = blobs.features();
        INDArray high = x.getColumn(1)
                .gt(0)
                .castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT)
                .reshape(n, 1);
        return Dataset.of(List.of(x), List.of(blobs.labels(), high));
    }

    /** One hidden layer under two heads: side (a sigmoid) and high (a softmax over 2). */
    private static Functional sideAndHigh() {
        var point = Input(2);
        var hidden = point.dense(16, RELU);
        var side = hidden.dense(1, SIGMOID).named("side");
        var high = hidden.dense(2, SOFTMAX).named("high");
        return Model(List.of(point), List.of(side, high));
    }

    @Test
    void aTwoOutputModelLearnsBothHeadsAndLogsEachAsKerasDoes() {
        Model model =
                sideAndHigh().compile(adam(0.01), List.of(binaryCrossEntropy, sparseCategoricalCrossEntropy), accuracy);
        Dataset data = twoTargets(200);
        History history = model.fit(data, epochs(15).verbose(0).validationSplit(0.25));
        assertEquals(
                List.of(
                        "loss",
                        "side_loss",
                        "high_loss",
                        "side_accuracy",
                        "high_accuracy",
                        "val_loss",
                        "val_side_loss",
                        "val_high_loss",
                        "val_side_accuracy",
                        "val_high_accuracy"),
                List.copyOf(history.asMap().keySet()));
        for (int epoch = 0; epoch < 15; epoch++) {
            assertEquals(
                    history.loss().get(epoch),
                    history.metric("side_loss").get(epoch)
                            + history.metric("high_loss").get(epoch),
                    1e-4,
                    "Keras's loss is the sum of the outputs' losses, epoch " + (epoch + 1));
        }
        assertTrue(history.loss().get(14) < history.loss().get(0) / 2, "loss " + history.loss());
        Evaluation evaluation = model.evaluate(data);
        assertTrue(evaluation.metric("side_accuracy") > 0.95, evaluation.toString());
        assertTrue(evaluation.metric("high_accuracy") > 0.9, evaluation.toString());
        List<INDArray> predictions = model.predict(List.of(data.features()));
        assertArrayEquals(new long[] {200, 1}, predictions.get(0).shape());
        assertArrayEquals(new long[] {200, 2}, predictions.get(1).shape());
    }

    @Test
    void aTwoInputModelTrainsOnAnArrayPerInput() {
        Dataset raw = Datasets.pima();
        Dataset pima = org.dendrite.datasets.Normalizer.standardize().fit(raw).apply(raw);
        INDArray x = pima.features();
        INDArray medical = x.getColumns(1, 2, 3, 4, 5, 6); // glucose, pressure, skin, insulin, BMI, pedigree
        INDArray person = x.getColumns(0, 7); // pregnancies, age
        var a = Input(6).named("medical");
        var b = Input(2).named("person");
        var out =
                concatenate(a.dense(12, RELU), b.dense(4, RELU)).dense(8, RELU).dense(1, SIGMOID);
        Model model = Model(List.of(a, b), List.of(out)).compile(adam, crossEntropy, accuracy);
        Dataset data = Dataset.of(List.of(medical, person), List.of(pima.labels()));
        History history = model.fit(data, epochs(30).verbose(0));
        assertTrue(history.loss().get(29) < history.loss().get(0), "loss " + history.loss());
        assertTrue(history.metric("accuracy").get(29) > 0.7, "accuracy " + history.metric("accuracy"));
        assertEquals(
                history.metric("accuracy").get(29), history.metric("accuracy").get(29));
        INDArray p = model.predict(List.of(medical, person)).get(0);
        assertArrayEquals(new long[] {768, 1}, p.shape());
    }

    /** Pairs of blob points, labelled 1 when both come from the same blob. */
    private static Dataset pairs(int n) {
        Dataset blobs = TestData.blobs(2 * n, 5);
        INDArray x = blobs.features();
        INDArray left = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n));
        INDArray right = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(n, 2 * n));
        INDArray same = blobs.labels()
                .get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n))
                .eq(blobs.labels().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(n, 2 * n)))
                .castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        return Dataset.of(List.of(left, right), List.of(same));
    }

    @Test
    void aSequentialAppliedToTwoNodesSharesItsWeightsAsASiamesePairDoes() {
        var left = Input(2);
        var right = Input(2);
        var twin = Sequential().dense(16, RELU);
        var out = multiply(twin.apply(left), twin.apply(right)).dense(1, SIGMOID);
        Model model = Model(List.of(left, right), List.of(out)).compile(adam(0.01), crossEntropy, accuracy);
        // Keras: the twin's 2·16 + 16 = 48 weights once, the head's 16 + 1 = 17: 65.
        assertEquals(
                List.of(
                        "input_layer (None, 2) 0",
                        "input_layer_1 (None, 2) 0",
                        "sequential (None, 16) 48",
                        "multiply (None, 16) 0",
                        "dense (None, 1) 17"),
                rows(model));
        assertEquals(65, model.graph().numParams(), "shared weights are held once");
        assertEquals(
                List.of("input_layer[0][0]", "input_layer_1[0][0]"),
                model.summaryTable().rows().get(2).connectedTo());
        assertEquals(
                List.of("sequential[0][0]", "sequential[1][0]"),
                model.summaryTable().rows().get(3).connectedTo());

        Dataset data = pairs(300);
        model.fit(data, epochs(20).verbose(0));
        assertTrue(model.evaluate(data).accuracy() > 0.9, model.evaluate(data).toString());

        // Both branches compute with the one set of weights: the prediction by hand from getWeights.
        List<INDArray> w = model.getWeights();
        assertEquals(4, w.size(), "twin kernel and bias, head kernel and bias");
        INDArray l = data.featureArrays().get(0);
        INDArray r = data.featureArrays().get(1);
        INDArray a =
                org.nd4j.linalg.ops.transforms.Transforms.relu(l.mmul(w.get(0)).addRowVector(w.get(1)));
        INDArray b =
                org.nd4j.linalg.ops.transforms.Transforms.relu(r.mmul(w.get(0)).addRowVector(w.get(1)));
        INDArray expected = org.nd4j.linalg.ops.transforms.Transforms.sigmoid(
                a.mul(b).mmul(w.get(2)).addRowVector(w.get(3)));
        INDArray predicted = model.predict(List.of(l, r)).get(0);
        assertEquals(0, expected.sub(predicted).amaxNumber().doubleValue(), 1e-5);
    }

    @Test
    void aSequentialAppliedOnceIsItsLayersInTheGraph() {
        var base = Sequential().dense(16, RELU).dense(8, RELU);
        var in = Input(4);
        Model model = Model(in, base.apply(in).dense(1, SIGMOID)).compile(adam, crossEntropy);
        // Keras: 4·16 + 16 = 80 and 16·8 + 8 = 136 in the block, 8 + 1 = 9 in the head.
        assertEquals(List.of("input_layer (None, 4) 0", "sequential (None, 8) 216", "dense (None, 1) 9"), rows(model));
        assertNotNull(model.graph().getLayer("sequential/dense_1"), "the block's layers keep their Keras names");
        var again = Input(5);
        var e = assertThrows(IllegalArgumentException.class, () -> base.input(4).apply(again));
        assertTrue(e.getMessage().contains("declares input (None, 4) but is applied to (None, 5)"), e.getMessage());
    }

    /** A two-input Pima model, each input scaled by its own normalizer when given. */
    private static Model pimaByParts(
            org.dendrite.datasets.Normalizer medical, org.dendrite.datasets.Normalizer person) {
        var a = medical == null ? Input(6) : Input(6).normalize(medical);
        var b = person == null ? Input(2) : Input(2).normalize(person);
        var out = concatenate(a.dense(8, RELU), b.dense(2, RELU)).dense(1, SIGMOID);
        return Model(List.of(a, b), List.of(out)).compile(adam, crossEntropy);
    }

    @Test
    void eachInputScalesItsOwnDataAsIfTheDataHadBeenScaledBeforehand() {
        Dataset pima = Datasets.pima();
        INDArray medical = pima.features().getColumns(1, 2, 3, 4, 5, 6);
        INDArray person = pima.features().getColumns(0, 7);
        var scaleMedical = org.dendrite.datasets.Normalizer.standardize().fit(Dataset.of(medical, pima.labels()));
        var scalePerson = org.dendrite.datasets.Normalizer.minMax().fit(Dataset.of(person, pima.labels()));
        History raw = pimaByParts(scaleMedical, scalePerson)
                .fit(
                        Dataset.of(List.of(medical, person), List.of(pima.labels())),
                        epochs(3).verbose(0));
        History scaled = pimaByParts(null, null)
                .fit(
                        Dataset.of(
                                List.of(scaleMedical.apply(medical), scalePerson.apply(person)),
                                List.of(pima.labels())),
                        epochs(3).verbose(0));
        assertEquals(scaled.loss(), raw.loss(), "the model scales each input as the data would have been");
    }

    /** A residual block as a model of its own: x + dense(x). */
    private static Functional residual(int width) {
        var x = Input(width);
        return Model(x, add(x, x.dense(width, RELU)));
    }

    @Test
    void aFunctionalModelAppliedAsALayerIsItsGraphInside() {
        var in = Input(4);
        var out = residual(4).apply(in.dense(4, RELU)).dense(1, SIGMOID);
        Model nested = Model(in, out).compile(adam, crossEntropy);
        // Keras: dense 4·4 + 4 = 20; the block's dense 4·4 + 4 = 20 (its add has none); dense_1 4 + 1 = 5.
        assertEquals(
                List.of(
                        "input_layer (None, 4) 0",
                        "dense (None, 4) 20",
                        "functional (None, 4) 20",
                        "dense_1 (None, 1) 5"),
                rows(nested));

        var flatIn = Input(4);
        var h = flatIn.dense(4, RELU);
        Model flat = Model(flatIn, add(h, h.dense(4, RELU)).dense(1, SIGMOID)).compile(adam, crossEntropy);
        flat.setWeights(nested.getWeights().toArray(INDArray[]::new));
        INDArray x = org.nd4j.linalg.factory.Nd4j.rand(6, 4);
        assertEquals(
                flat.predict(x), nested.predict(x), "the block computes what the same layers written flat compute");
    }

    @Test
    void aFunctionalModelAppliedTwiceSharesItsWeightsAndSavesAsOne(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        var left = Input(3);
        var right = Input(3);
        var twin = residual(3);
        var out = concatenate(twin.apply(left), twin.apply(right)).dense(1, SIGMOID);
        Model model = Model(List.of(left, right), List.of(out)).compile(adam, crossEntropy);
        // Keras: the twin's dense 3·3 + 3 = 12, once; the head 6 + 1 = 7.
        assertEquals(19, model.graph().numParams());
        assertEquals(
                List.of("input_layer[0][0]", "input_layer_1[0][0]"),
                model.summaryTable().rows().get(2).connectedTo());

        java.nio.file.Path file = dir.resolve("twins.zip");
        model.save(file);
        Model loaded = Model.load(file);
        assertEquals(model.summaryTable(), loaded.summaryTable());
        List<INDArray> x = List.of(org.nd4j.linalg.factory.Nd4j.rand(5, 3), org.nd4j.linalg.factory.Nd4j.rand(5, 3));
        assertEquals(model.predict(x).get(0), loaded.predict(x).get(0));
    }

    @Test
    void aTrainedFunctionalModelAppliedAsALayerBringsItsWeights() {
        var in = Input(2);
        Model trained = Model(in, in.dense(4, TANH).dense(1, SIGMOID)).compile(adam(0.05), crossEntropy);
        trained.fit(TestData.blobs(100, 4), epochs(5).verbose(0));
        var again = Input(2);
        Model wrapped = Model(again, trained.apply(again).dense(1, SIGMOID)).compile(adam, crossEntropy);
        assertEquals(
                trained.getWeights().get(0), wrapped.getWeights().get(0), "the inner first kernel is the trained one");
        assertEquals(trained.getWeights().get(3), wrapped.getWeights().get(3), "and its output bias");
    }

    @Test
    void lossWeightsWeighTheOutputsInTheLossWhileEachOutputLogsItsOwn() {
        Model model = sideAndHigh()
                .lossWeights(1.0, 0.25)
                .compile(adam(0.01), List.of(binaryCrossEntropy, sparseCategoricalCrossEntropy));
        History history = model.fit(twoTargets(200), epochs(5).verbose(0));
        for (int epoch = 0; epoch < 5; epoch++) {
            assertEquals(
                    history.loss().get(epoch),
                    history.metric("side_loss").get(epoch)
                            + 0.25 * history.metric("high_loss").get(epoch),
                    1e-4,
                    "Keras's loss: Σ weight·loss, epoch " + (epoch + 1));
        }
        Evaluation evaluation = model.evaluate(twoTargets(200));
        assertEquals(evaluation.loss(), evaluation.metric("side_loss") + 0.25 * evaluation.metric("high_loss"), 1e-4);
        var e = assertThrows(IllegalArgumentException.class, () -> sideAndHigh().lossWeights(1));
        assertEquals(
                "lossWeights takes one weight per output: the model has 2 outputs [side, high], received 1 weights",
                e.getMessage());
    }

    @Test
    void aDenseAfterABlockThatFlattensImagesHasKerasKernelLayout() {
        Model flat = Sequential().input(4, 4, 2).conv2d(3, 3).flatten().dense(2).compile(adam, mse);
        var image = Input(4, 4, 2);
        Model nested = Model(
                        image, Sequential().conv2d(3, 3).flatten().apply(image).dense(2))
                .compile(adam, mse);
        nested.graph().setParams(flat.network().params()); // the same weights, in DL4J's own layout
        List<INDArray> expected = flat.getWeights();
        List<INDArray> got = nested.getWeights();
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(
                    expected.get(i),
                    got.get(i),
                    "weight " + i + " in Keras's layout (the dense kernel's rows by h, w, c)");
        }
    }
}
