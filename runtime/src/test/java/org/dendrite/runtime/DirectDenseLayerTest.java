package org.dendrite.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The direct dense layer computes what DL4J's dense layer computes: two networks with the same
 * initial weights, one with DL4J's layers and one with Dendrite's, give the same outputs, the same
 * gradients and the same loss curve (float rounding apart).
 */
class DirectDenseLayerTest {

    private static final double TOLERANCE = 1e-5;

    private static MultiLayerNetwork network(Activation hidden, int inputs) {
        return network(
                hidden,
                inputs,
                new OutputLayer.Builder(LossFunction.XENT)
                        .nOut(1)
                        .activation(Activation.SIGMOID)
                        .build());
    }

    private static MultiLayerNetwork network(Activation hidden, int inputs, OutputLayer head) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42)
                .dataType(DataType.FLOAT)
                .updater(new Adam(1e-2))
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .list()
                .layer(new DenseLayer.Builder().nOut(12).activation(hidden).build())
                .layer(new DenseLayer.Builder().nOut(8).activation(hidden).build())
                .layer(head)
                .setInputType(InputType.feedForward(inputs))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static DataSet data(int examples, int inputs, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray features = Nd4j.randn(DataType.FLOAT, examples, inputs);
        INDArray labels = features.sum(1).gt(0).castTo(DataType.FLOAT).reshape(examples, 1);
        return new DataSet(features, labels);
    }

    /** Three classes, one-hot, from the signs of two sums. */
    private static DataSet classes(int examples, int inputs, long seed) {
        DataSet data = data(examples, inputs, seed);
        INDArray features = data.getFeatures();
        INDArray first = features.getColumn(0).gt(0).castTo(DataType.FLOAT);
        INDArray second = features.getColumn(1).gt(0).castTo(DataType.FLOAT);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, examples, 3);
        for (int i = 0; i < examples; i++) {
            labels.putScalar(i, (int) (first.getFloat(i) + second.getFloat(i)), 1f);
        }
        return new DataSet(features, labels);
    }

    private static double relativeDifference(INDArray ours, INDArray theirs) {
        double scale = Math.max(theirs.amaxNumber().doubleValue(), 1e-12);
        return ours.sub(theirs).amaxNumber().doubleValue() / scale;
    }

    private static void assertClose(INDArray ours, INDArray theirs, String what) {
        double difference = relativeDifference(ours, theirs);
        assertTrue(difference <= TOLERANCE, what + ": relative difference " + difference);
    }

    @Test
    void dl4jsDenseAndOutputLayersAreReplacedAndTheConfigurationStaysDl4js() {
        MultiLayerNetwork net = network(Activation.RELU, 8);
        DirectLayers.install(net);
        assertInstanceOf(DirectDenseLayer.class, net.getLayer(0));
        assertInstanceOf(DirectDenseLayer.class, net.getLayer(1));
        assertInstanceOf(DirectOutputLayer.class, net.getLayer(2));
        assertEquals(
                net.getLayer(1), net.getLayer(net.getLayer(1).conf().getLayer().getLayerName()));
        assertEquals(
                "DenseLayer",
                net.getLayerWiseConfigurations()
                        .getConf(0)
                        .getLayer()
                        .getClass()
                        .getSimpleName());
    }

    @Test
    void aDenseLayerWithoutBiasKeepsDl4jsCodeAndTrains() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42)
                .dataType(DataType.FLOAT)
                .updater(new Adam(1e-2))
                .list()
                .layer(new DenseLayer.Builder()
                        .nOut(4)
                        .hasBias(false)
                        .activation(Activation.RELU)
                        .build())
                .layer(new OutputLayer.Builder(LossFunction.XENT)
                        .nOut(1)
                        .activation(Activation.SIGMOID)
                        .build())
                .setInputType(InputType.feedForward(8))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        DirectLayers.install(net);
        assertEquals(
                org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer.class,
                net.getLayer(0).getClass());
        DataSet data = data(10, 8, 3);
        double before = net.score(data);
        for (int i = 0; i < 20; i++) {
            net.fit(data);
        }
        assertTrue(net.score(data) < before, "the loss went down from " + before + " to " + net.score(data));
    }

    @Test
    void reluSigmoidTanhAndIdentityGiveDl4jsOutputsGradientsAndLossCurve() {
        for (Activation hidden : List.of(Activation.RELU, Activation.SIGMOID, Activation.TANH, Activation.IDENTITY)) {
            assertSameTraining(network(hidden, 8), network(hidden, 8), seed -> data(10, 8, seed), hidden.toString());
        }
    }

    @Test
    void aSoftmaxHeadWithCategoricalCrossEntropyGivesDl4jsOutputsGradientsAndLossCurve() {
        OutputLayer head = new OutputLayer.Builder(LossFunction.MCXENT)
                .nOut(3)
                .activation(Activation.SOFTMAX)
                .build();
        assertSameTraining(
                network(Activation.RELU, 8, head),
                network(Activation.RELU, 8, (OutputLayer) head.clone()),
                seed -> classes(16, 8, seed),
                "softmax");
    }

    @Test
    void dendritesWeightedLossIsComputedDirectlyWhenNoExampleIsWeighted() {
        OutputLayer head = new OutputLayer.Builder()
                .lossFunction(new WeightedExamples(LossFunction.XENT.getILossFunction()))
                .nOut(1)
                .activation(Activation.SIGMOID)
                .build();
        MultiLayerNetwork ours = network(Activation.RELU, 8, head);
        DirectLayers.install(ours);
        assertInstanceOf(DirectOutputLayer.class, ours.getLayer(2));
        assertSameTraining(
                network(Activation.RELU, 8),
                network(Activation.RELU, 8, (OutputLayer) head.clone()),
                seed -> data(10, 8, seed),
                "weighted loss");
    }

    /** Two networks with the same initial weights, the second given Dendrite's layers, train alike. */
    private static void assertSameTraining(
            MultiLayerNetwork theirs,
            MultiLayerNetwork ours,
            java.util.function.LongFunction<DataSet> batches,
            String hidden) {
        {
            DirectLayers.install(ours);
            assertEquals(theirs.params(), ours.params(), "same initial weights");
            DataSet batch = batches.apply(1);

            assertClose(ours.output(batch.getFeatures()), theirs.output(batch.getFeatures()), hidden + " output");
            for (MultiLayerNetwork net : List.of(ours, theirs)) {
                net.setInput(batch.getFeatures());
                net.setLabels(batch.getLabels());
                net.computeGradientAndScore();
            }
            assertClose(ours.getGradientsViewArray(), theirs.getGradientsViewArray(), hidden + " gradients");
            assertEquals(theirs.score(), ours.score(), 1e-6, hidden + " loss");

            List<Double> ourCurve = new ArrayList<>();
            List<Double> theirCurve = new ArrayList<>();
            for (int step = 0; step < 30; step++) {
                DataSet next = batches.apply(100 + step);
                ours.fit(next);
                theirs.fit(next);
                ourCurve.add(ours.score());
                theirCurve.add(theirs.score());
            }
            for (int step = 0; step < ourCurve.size(); step++) {
                assertEquals(theirCurve.get(step), ourCurve.get(step), 1e-5, hidden + " loss at step " + step);
            }
            assertClose(ours.params(), theirs.params(), hidden + " weights after 30 steps");
        }
    }

    @Test
    void theInputGradientIsDl4jsExceptInTheFirstLayerWhichReturnsNone() {
        MultiLayerNetwork theirs = network(Activation.TANH, 8);
        MultiLayerNetwork ours = network(Activation.TANH, 8);
        DirectLayers.install(ours);
        DataSet batch = data(10, 8, 5);
        INDArray hidden = theirs.getLayer(0).activate(batch.getFeatures(), true, LayerWorkspaceMgr.noWorkspaces());
        INDArray epsilon = Nd4j.randn(DataType.FLOAT, 10, 8);
        List<INDArray> gradients = new ArrayList<>();
        for (MultiLayerNetwork net : List.of(ours, theirs)) {
            net.initGradientsView();
            net.getLayer(1).activate(hidden, true, LayerWorkspaceMgr.noWorkspaces());
            gradients.add(net.getLayer(1)
                    .backpropGradient(epsilon.dup(), LayerWorkspaceMgr.noWorkspaces())
                    .getSecond());
        }
        assertClose(gradients.get(0), gradients.get(1), "second layer's input gradient");

        ours.getLayer(0).activate(batch.getFeatures(), true, LayerWorkspaceMgr.noWorkspaces());
        assertNull(ours.getLayer(0)
                .backpropGradient(Nd4j.randn(DataType.FLOAT, 10, 12), LayerWorkspaceMgr.noWorkspaces())
                .getSecond());
    }

    private static ComputationGraph graph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42)
                .dataType(DataType.FLOAT)
                .updater(new Adam(1e-2))
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .graphBuilder()
                .addInputs("in")
                .addLayer(
                        "hidden",
                        new DenseLayer.Builder()
                                .nOut(12)
                                .activation(Activation.TANH)
                                .build(),
                        "in")
                .addLayer(
                        "out",
                        new OutputLayer.Builder(LossFunction.MCXENT)
                                .nOut(3)
                                .activation(Activation.SOFTMAX)
                                .build(),
                        "hidden")
                .setOutputs("out")
                .setInputTypes(InputType.feedForward(8))
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    @Test
    void aGraphsLayersAreReplacedAndTrainAsDl4jsDo() {
        ComputationGraph theirs = graph();
        ComputationGraph ours = graph();
        DirectLayers.install(ours);
        assertInstanceOf(DirectDenseLayer.class, ours.getLayer("hidden"));
        assertInstanceOf(DirectOutputLayer.class, ours.getLayer("out"));
        assertTrue(java.util.Arrays.stream(ours.getLayers())
                .allMatch(layer -> layer instanceof DirectDenseLayer || layer instanceof DirectOutputLayer));
        for (int step = 0; step < 20; step++) {
            DataSet next = classes(16, 8, 200 + step);
            ours.fit(next);
            theirs.fit(next);
            assertEquals(theirs.score(), ours.score(), 1e-5, "loss at step " + step);
        }
        assertClose(ours.params(), theirs.params(), "weights after 20 steps");
        DataSet test = classes(16, 8, 7);
        assertClose(ours.outputSingle(test.getFeatures()), theirs.outputSingle(test.getFeatures()), "outputs");
        Layer hidden = ours.getLayer("hidden"); // the graph's input's only reader: no input gradient
        hidden.activate(test.getFeatures(), true, LayerWorkspaceMgr.noWorkspaces());
        assertNull(hidden.backpropGradient(Nd4j.randn(DataType.FLOAT, 16, 12), LayerWorkspaceMgr.noWorkspaces())
                .getSecond());
    }

    @Test
    void aColumnOrderedInputAndAViewOfRowsAreTakenAsTheyAre() {
        MultiLayerNetwork theirs = network(Activation.RELU, 8);
        MultiLayerNetwork ours = network(Activation.RELU, 8);
        DirectLayers.install(ours);
        DataSet batch = data(20, 8, 3);
        INDArray columnOrdered = batch.getFeatures().dup('f');
        assertClose(ours.output(columnOrdered), theirs.output(columnOrdered), "f-ordered input");
        INDArray transposedView = batch.getFeatures().transpose().dup().transpose(); // f-ordered view
        assertClose(ours.output(transposedView), theirs.output(transposedView), "transposed view");
        INDArray rows = batch.getFeatures()
                .get(
                        org.nd4j.linalg.indexing.NDArrayIndex.interval(5, 15),
                        org.nd4j.linalg.indexing.NDArrayIndex.all());
        assertClose(ours.output(rows), theirs.output(rows), "rows 5-14, a view with an offset");
    }

    @Test
    void inferenceStraightThroughTheDirectLayersGivesDl4jsOutputsOrLeavesThemToDl4j() {
        MultiLayerNetwork theirs = network(Activation.RELU, 8, softmaxHead());
        MultiLayerNetwork ours = network(Activation.RELU, 8, softmaxHead());
        DirectLayers.install(ours);
        DataSet batch = classes(1024, 8, 5);
        INDArray direct = DirectLayers.output(ours, batch.getFeatures());
        assertArrayEquals(new long[] {1024, 3}, direct.shape());
        assertClose(direct, theirs.output(batch.getFeatures()), "1,024 rows through the direct layers");
        INDArray view = batch.getFeatures().transpose().dup().transpose();
        assertClose(DirectLayers.output(ours, view), theirs.output(view), "an f-ordered view");

        assertNull(DirectLayers.output(ours, Nd4j.rand(DataType.FLOAT, 4, 7)), "a row 7 wide: DL4J's error to give");
        assertNull(DirectLayers.output(ours, batch.getFeatures().castTo(DataType.DOUBLE)), "doubles: DL4J casts");
        assertNull(DirectLayers.output(theirs, batch.getFeatures()), "DL4J's own layers");
    }

    @Test
    void anInferenceResultStaysItsOwnWhenTheNetworkEndsInDropout() {
        MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT)
                .list()
                .layer(new DenseLayer.Builder()
                        .nIn(4)
                        .nOut(3)
                        .activation(Activation.RELU)
                        .build())
                .layer(new org.deeplearning4j.nn.conf.layers.DropoutLayer.Builder(0.5).build())
                .build());
        network.init();
        DirectLayers.install(network);
        INDArray first = DirectLayers.output(network, Nd4j.rand(DataType.FLOAT, 5, 4));
        INDArray kept = first.dup();
        DirectLayers.output(network, Nd4j.rand(DataType.FLOAT, 5, 4));
        assertEquals(kept, first, "the first result after a second call");
    }

    private static OutputLayer softmaxHead() {
        return new OutputLayer.Builder(LossFunction.MCXENT)
                .nOut(3)
                .activation(Activation.SOFTMAX)
                .build();
    }
}
