package org.dendrite.bench;

import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The three workloads written as a DL4J user would without Dendrite: builders by hand, the same
 * layers, initialisers, optimiser settings and seed, and {@code net.fit(iterator)} over a shuffled
 * copy of the data each epoch.
 */
final class RawDl4j {

    private RawDl4j() {}

    private static NeuralNetConfiguration.ListBuilder base(IUpdater updater) {
        return new NeuralNetConfiguration.Builder()
                .seed(42)
                .dataType(DataType.FLOAT)
                .updater(updater)
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .list();
    }

    /** W1: Pima 8 → 12 relu (He) → 8 relu → 1 sigmoid, Keras's Adam. */
    static MultiLayerNetwork pima() {
        MultiLayerConfiguration conf = base(new Adam(1e-3, 0.9, 0.999, 1e-7))
                .layer(new DenseLayer.Builder()
                        .nOut(12)
                        .activation(Activation.RELU)
                        .weightInit(WeightInit.RELU)
                        .build())
                .layer(new DenseLayer.Builder()
                        .nOut(8)
                        .activation(Activation.RELU)
                        .build())
                .layer(new OutputLayer.Builder(LossFunction.XENT)
                        .nOut(1)
                        .activation(Activation.SIGMOID)
                        .build())
                .setInputType(InputType.feedForward(8))
                .build();
        return init(conf);
    }

    /** W2: Keras's mnist_mlp, RMSprop. */
    static MultiLayerNetwork mnistMlp() {
        MultiLayerConfiguration conf = base(new RmsProp(1e-3, 0.9, 1e-7))
                .layer(new DenseLayer.Builder()
                        .nOut(512)
                        .activation(Activation.RELU)
                        .build())
                .layer(new DropoutLayer.Builder(0.8).build())
                .layer(new DenseLayer.Builder()
                        .nOut(512)
                        .activation(Activation.RELU)
                        .build())
                .layer(new DropoutLayer.Builder(0.8).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT)
                        .nOut(10)
                        .activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.feedForward(784))
                .build();
        return init(conf);
    }

    /** W3: Keras's mnist_cnn, Adadelta. */
    static MultiLayerNetwork mnistCnn() {
        MultiLayerConfiguration conf = base(new AdaDelta(0.95, 1e-7))
                .layer(new ConvolutionLayer.Builder(3, 3)
                        .nOut(32)
                        .activation(Activation.RELU)
                        .build())
                .layer(new ConvolutionLayer.Builder(3, 3)
                        .nOut(64)
                        .activation(Activation.RELU)
                        .build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(2, 2)
                        .stride(2, 2)
                        .build())
                .layer(new DropoutLayer.Builder(0.75).build())
                .layer(new DenseLayer.Builder()
                        .nOut(128)
                        .activation(Activation.RELU)
                        .build())
                .layer(new DropoutLayer.Builder(0.5).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT)
                        .nOut(10)
                        .activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutional(28, 28, 1))
                .build();
        return init(conf);
    }

    private static MultiLayerNetwork init(MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Trains {@code epochs} epochs, reshuffling a copy of the data before each. */
    static void fit(MultiLayerNetwork net, DataSet data, int epochs, int batchSize) {
        DataSet copy = data.copy();
        for (int e = 0; e < epochs; e++) {
            copy.shuffle(42 + e);
            net.fit(new ListDataSetIterator<>(copy.asList(), batchSize));
        }
    }
}
