package org.dendrite.runtime;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.dendrite.Model;
import org.dendrite.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Dendrite's networks update through DL4J's standard path: same numbers, fewer arrays. */
class NetworkUpdaterTest {

    private final DataSet batch = TestData.blobs(32, 2).toDataSet();

    /** L2 on the first layer and Adam: DL4J's regularisation and optimiser steps both run. */
    private static Model model() {
        return Sequential()
                .input(2)
                .dense(8, RELU, HE, l2(0.01))
                .dense(1, SIGMOID)
                .compile(adam(0.01), crossEntropy);
    }

    /** The same network (Dendrite's direct layers included) with DL4J's own updater. */
    private static MultiLayerNetwork twin(MultiLayerNetwork network) {
        MultiLayerNetwork twin =
                new MultiLayerNetwork(network.getLayerWiseConfigurations().clone());
        twin.init(network.params().dup(), true);
        DirectLayers.install(twin);
        return twin;
    }

    @Test
    void everyDendriteNetworkHasIt() {
        assertInstanceOf(NetworkUpdater.class, model().network().getUpdater());
    }

    @Test
    void trainsExactlyAsDl4jsOwnUpdater() {
        MultiLayerNetwork ours = model().network();
        MultiLayerNetwork theirs = twin(ours);
        double[] before = ours.params().toDoubleVector();
        for (int step = 0; step < 5; step++) {
            ours.fit(batch);
            theirs.fit(batch);
        }

        assertFalse(theirs.getUpdater() instanceof NetworkUpdater);
        assertNotEquals(before[0], ours.params().getDouble(0));
        assertArrayEquals(theirs.params().toDoubleVector(), ours.params().toDoubleVector());
        assertArrayEquals(
                theirs.getUpdater().getStateViewArray().toDoubleVector(),
                ours.getUpdater().getStateViewArray().toDoubleVector());
    }

    @Test
    void createsFewerArraysPerStepThanDl4jsOwnUpdater() {
        MultiLayerNetwork ours = model().network();
        MultiLayerNetwork theirs = twin(ours);

        long withOurs = arraysPerStep(ours);
        long withTheirs = arraysPerStep(theirs);
        assertTrue(withOurs <= withTheirs - 20, "arrays per step: ours " + withOurs + ", DL4J's " + withTheirs);
    }

    @Test
    void aGradientFromElsewhereStillTakesDl4jsPathForExternalGradients() {
        MultiLayerNetwork ours = model().network();
        MultiLayerNetwork theirs = twin(ours);
        INDArray external = Nd4j.linspace(-1, 1, ours.numParams())
                .castTo(ours.params().dataType())
                .reshape(1, ours.numParams());
        INDArray forOurs = external.dup();
        INDArray forTheirs = external.dup();

        ours.getUpdater().update(ours, new DefaultGradient(forOurs), 0, 0, 1, LayerWorkspaceMgr.noWorkspaces());
        theirs.getUpdater().update(theirs, new DefaultGradient(forTheirs), 0, 0, 1, LayerWorkspaceMgr.noWorkspaces());

        assertNotEquals(external.getDouble(0), forOurs.getDouble(0));
        assertArrayEquals(forTheirs.toDoubleVector(), forOurs.toDoubleVector());
    }

    @Test
    void aLearningRateScheduleKeepsIt() {
        Model model = model();
        model.fit(TestData.blobs(32, 2), epochs(2).verbose(0).callbacks(learningRateScheduler(epoch -> 0.005)));

        assertInstanceOf(NetworkUpdater.class, model.network().getUpdater());
        assertEquals(0.005, model.network().getLearningRate(0), 1e-12);
    }

    @Test
    void aLoadedModelHasItWithTheOptimisersState(@TempDir Path dir) throws Exception {
        Model model = model();
        model.fit(TestData.blobs(32, 2), 2);
        model.save(dir.resolve("m.zip"));

        MultiLayerNetwork loaded = Model.load(dir.resolve("m.zip")).network();
        assertInstanceOf(NetworkUpdater.class, loaded.getUpdater());
        assertArrayEquals(
                model.network().getUpdater().getStateViewArray().toDoubleVector(),
                loaded.getUpdater().getStateViewArray().toDoubleVector());
    }

    /** Arrays ND4J registers for clean-up during one training step, averaged over ten. */
    private long arraysPerStep(MultiLayerNetwork network) {
        network.fit(batch);
        long start = Nd4j.getDeallocatorService().nextValue();
        for (int step = 0; step < 10; step++) {
            network.fit(batch);
        }
        return (Nd4j.getDeallocatorService().nextValue() - start) / 10;
    }

    @Test
    void aFunctionalModelsGraphTrainsExactlyAsWithDl4jsOwnUpdater() {
        var in = Input(2);
        ComputationGraph ours = Model(in, in.dense(8, RELU, HE, l2(0.01)).dense(1, SIGMOID))
                .compile(adam(0.01), crossEntropy)
                .graph();
        assertInstanceOf(GraphUpdater.class, ours.getUpdater());
        ComputationGraph theirs = new ComputationGraph(ours.getConfiguration().clone());
        theirs.init(ours.params().dup(), true);
        DirectLayers.install(theirs); // the same layers: only the updater differs
        for (int step = 0; step < 5; step++) {
            ours.fit(batch);
            theirs.fit(batch);
        }
        assertFalse(theirs.getUpdater() instanceof GraphUpdater);
        assertArrayEquals(theirs.params().toDoubleVector(), ours.params().toDoubleVector());
        assertArrayEquals(
                theirs.getUpdater().getStateViewArray().toDoubleVector(),
                ours.getUpdater().getStateViewArray().toDoubleVector());
    }
}
