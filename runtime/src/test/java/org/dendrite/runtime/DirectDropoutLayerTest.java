package org.dendrite.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
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
 * The direct dropout layer is Keras's inverted dropout: in training each value is kept with
 * probability p and scaled by 1/p, the gradient passes exactly where the value did, and in
 * inference the input passes unchanged.
 */
class DirectDropoutLayerTest {

    /** 784 → dropout keeping 80% (Keras's Dropout(0.2)) → 512 → 10 softmax. */
    private static MultiLayerNetwork network() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7)
                .dataType(DataType.FLOAT)
                .updater(new Adam(1e-3))
                .list()
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
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        DirectLayers.install(net);
        return net;
    }

    @Test
    void inTrainingEachValueIsKeptWithProbabilityPAndScaledByItsInverseAndTheGradientFollowsTheMask() {
        MultiLayerNetwork net = network();
        var dropout = assertInstanceOf(DirectDropoutLayer.class, net.getLayer(1));
        INDArray x = Nd4j.rand(DataType.FLOAT, 256, 512).addi(0.5f);
        LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
        dropout.setInput(x, none);
        INDArray out = dropout.activate(true, none);

        INDArray kept = out.neq(0).castTo(DataType.FLOAT);
        double keptFraction = kept.meanNumber().doubleValue();
        assertEquals(0.8, keptFraction, 0.01, "fraction kept of 131,072 values");
        assertTrue(out.equalsWithEps(x.mul(kept).div(0.8f), 1e-6), "kept values scaled by 1/0.8, the others 0");

        INDArray epsilon = Nd4j.rand(DataType.FLOAT, 256, 512);
        INDArray gradient = dropout.backpropGradient(epsilon, none).getSecond();
        assertTrue(
                gradient.equalsWithEps(epsilon.mul(kept).div(0.8f), 1e-6), "the gradient passes where the value did");

        dropout.setInput(x, none);
        assertEquals(x, dropout.activate(false, none), "inference: the input unchanged");
    }

    @Test
    void eachFactorIsOneOverKeepWithProbabilityKeepFromBothHalvesOfEachDraw() {
        float[] factors = new float[200_001];
        DirectDropoutLayer.draw(factors, 0.7, new java.util.SplittableRandom(5));
        double[] keptAt = new double[2];
        for (int i = 0; i < factors.length; i++) {
            assertTrue(factors[i] == 0f || factors[i] == (float) (1 / 0.7), "factor " + factors[i]);
            keptAt[i % 2] += factors[i] == 0f ? 0 : 1;
        }
        assertEquals(0.7, keptAt[0] / 100_001, 0.005, "kept among values drawn from a draw's high bits");
        assertEquals(0.7, keptAt[1] / 100_000, 0.005, "kept among values drawn from its low bits");

        DirectDropoutLayer.draw(factors, 1.0, new java.util.SplittableRandom(5));
        for (float factor : factors) {
            assertEquals(1f, factor, "keep = 1 keeps every value");
        }
    }

    @Test
    void aSeededRunDrawsTheSameMasksAndANetworkWithDropoutLearns() {
        Nd4j.getRandom().setSeed(3);
        INDArray features = Nd4j.rand(DataType.FLOAT, 64, 784);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 64, 10);
        for (int i = 0; i < 64; i++) {
            labels.putScalar(i, features.getRow(i).argMax().getInt(0) % 10, 1f);
        }
        DataSet data = new DataSet(features, labels);
        double[] last = new double[2];
        for (int run = 0; run < 2; run++) {
            MultiLayerNetwork net = network();
            Nd4j.getRandom().setSeed(11);
            double first = net.score(data);
            for (int i = 0; i < 30; i++) {
                net.fit(data);
            }
            last[run] = net.score(data);
            assertTrue(last[run] < first * 0.5, "the loss fell from " + first + " to " + last[run]);
        }
        assertEquals(last[0], last[1], 0, "the same seed, the same masks, the same loss");
    }
}
