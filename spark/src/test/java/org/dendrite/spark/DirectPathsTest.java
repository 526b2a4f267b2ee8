package org.dendrite.spark;

import static org.junit.jupiter.api.Assertions.*;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.dendrite.runtime.DirectDenseLayer;
import org.dendrite.runtime.DirectOutputLayer;
import org.dendrite.runtime.NetworkUpdater;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** A worker's copy of the model, built by DL4J from the configuration, trains on Dendrite's direct paths. */
class DirectPathsTest {

    /** What a DL4J worker builds: the configuration's own layers, DL4J's updater with the state sent out. */
    private static MultiLayerNetwork workerCopy() {
        var network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(9)
                .dataType(DataType.FLOAT)
                .updater(new RmsProp(0.01, 0.9, 1e-7))
                .list()
                .layer(new DenseLayer.Builder()
                        .nIn(6)
                        .nOut(16)
                        .activation(Activation.RELU)
                        .build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT)
                        .nIn(16)
                        .nOut(3)
                        .activation(Activation.SOFTMAX)
                        .build())
                .build());
        network.init();
        network.setUpdater(new MultiLayerUpdater(
                network, network.getUpdater().getStateViewArray().dup()));
        return network;
    }

    @Test
    void theHookSwapsInDirectLayersAndUpdaterAndTrainingStaysDl4jsToFloatRounding() {
        MultiLayerNetwork dl4j = workerCopy();
        MultiLayerNetwork worker = workerCopy();
        var hook = new DirectPaths();
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.rand(DataType.FLOAT, 32, 6);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 32, 3);
        for (int i = 0; i < 32; i++) {
            y.putScalar(i, i % 3, 1);
        }
        DataSet batch = new DataSet(x, y);
        double first = worker.score(batch);
        for (int step = 0; step < 10; step++) {
            hook.preUpdate(batch, worker); // as DL4J's worker calls it before each mini-batch
            worker.fit(batch);
            dl4j.fit(batch);
        }
        Layer[] layers = worker.getLayers();
        assertInstanceOf(DirectDenseLayer.class, layers[0]);
        assertInstanceOf(DirectOutputLayer.class, layers[1]);
        assertInstanceOf(NetworkUpdater.class, worker.getUpdater());
        assertTrue(
                dl4j.params().equalsWithEps(worker.params(), 1e-5),
                "weights after 10 RMSprop steps: DL4J's " + dl4j.params() + ", the worker's " + worker.params());
        assertTrue(worker.score(batch) < first - 0.05, "loss " + first + " → " + worker.score(batch));

        hook.preUpdate(batch, worker);
        assertSame(layers[0], worker.getLayers()[0], "a second call swaps nothing");
    }
}
