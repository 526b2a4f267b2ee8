package org.dendrite.spark;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.TrainingHook;
import org.dendrite.runtime.DirectLayers;
import org.dendrite.runtime.GraphUpdater;
import org.dendrite.runtime.NetworkUpdater;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Dendrite's direct layers and optimiser steps on a worker's copy of the model, as in one JVM. DL4J's
 * workers build each round's copy from the configuration, with DL4J's own layers and updater; this
 * hook swaps Dendrite's in before the copy's first mini-batch (the weights and optimiser state are
 * the copy's, shared; later calls find nothing left to swap).
 */
final class DirectPaths implements TrainingHook {

    private static final long serialVersionUID = 1L;

    @Override
    public void preUpdate(DataSet minibatch, Model model) {
        install(model);
    }

    @Override
    public void preUpdate(MultiDataSet minibatch, Model model) {
        install(model);
    }

    @Override
    public void postUpdate(DataSet minibatch, Model model) {}

    @Override
    public void postUpdate(MultiDataSet minibatch, Model model) {}

    /** Swaps in the direct layers, then an updater built on them (keeping the optimiser's state). */
    static void install(Model model) {
        if (model instanceof MultiLayerNetwork network) {
            DirectLayers.install(network);
            NetworkUpdater.install(network);
        } else if (model instanceof ComputationGraph graph) {
            DirectLayers.install(graph);
            GraphUpdater.install(graph);
        }
    }
}
