package org.dendrite.examples;

import static org.dendrite.Dendrite.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dendrite.Model;
import org.dendrite.datasets.Csv;
import org.dendrite.datasets.Dataset;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A corpus of mistakes a new user makes, each run for real, and what Dendrite answers: the table
 * "case | message" a reviewer reads in one place. Every case must be refused with a message that
 * says what and where; none may be accepted, crash, or fail inside DL4J.
 *
 * <p>Run: {@code mvn -B -q -pl examples exec:java -Dexec.mainClass=org.dendrite.examples.BadInputs}.
 */
public final class BadInputs {

    /** One mistake: what the user did, and what happened. */
    record Case(String name, String outcome, boolean refused) {}

    @FunctionalInterface
    interface Attempt {
        void run() throws Exception;
    }

    static List<Case> run(Path dir) throws IOException {
        var rows = Dataset.of(
                Nd4j.rand(20, 8), Nd4j.rand(20, 1).gt(0.5).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT));
        var images = Dataset.of(Nd4j.rand(6, 25), Nd4j.zeros(6, 1)).asImages(5, 5, 1);
        Path csv = Files.writeString(dir.resolve("data.csv"), "1,2,0\n3,four,1\n");
        Path ragged = Files.writeString(dir.resolve("ragged.csv"), "1,2,0\n3,4\n");
        Path prices = Files.writeString(dir.resolve("prices.csv"), prices());
        Path notAModel = Files.writeString(dir.resolve("model.zip"), "not a zip");
        List<Case> cases = new ArrayList<>();
        try_(cases, "dense(0)", () -> Sequential().dense(0));
        try_(cases, "dropout(1.5)", () -> Sequential().dropout(1.5));
        try_(cases, "dense(4, RELU, SIGMOID): two activations", () -> Sequential()
                .dense(4, RELU, SIGMOID));
        try_(cases, "maxPool(2, l2(1e-4)): an option pooling does not take", () -> Sequential()
                .maxPool(2, l2(1e-4)));
        try_(
                cases,
                "dense(4).lstm(3) on rows",
                () -> Sequential().input(8).dense(4).lstm(3).dense(1).compile(adam, mse));
        try_(
                cases,
                "maxPool(7) on a 5x5 image",
                () -> Sequential().input(5, 5, 1).maxPool(7).flatten().dense(1).compile(adam, mse));
        try_(cases, "conv kernel larger than the image", () -> Sequential()
                .input(3, 3, 1)
                .conv2d(2, 5)
                .flatten()
                .dense(1)
                .compile(adam, mse));
        try_(
                cases,
                "pooling after a dense layer",
                () -> Sequential().input(8).dense(8).maxPool(2).dense(1).compile(adam, mse));
        try_(
                cases,
                "returnSequences LSTM into Dense",
                () -> Sequential().input(6, 2).lstm(4, true).dense(1).compile(adam, mse));
        try_(cases, "softmax over one unit", () -> Sequential()
                .dense(1, SOFTMAX)
                .compile(adam, crossEntropy));
        try_(cases, "crossEntropy with a linear output", () -> Sequential()
                .dense(1)
                .compile(adam, crossEntropy));
        try_(cases, "labels of 3 columns for 1 unit", () -> Sequential()
                .dense(1, SIGMOID)
                .compile(adam, crossEntropy)
                .fit(Dataset.of(Nd4j.rand(4, 8), Nd4j.zeros(4, 3)), 1));
        try_(cases, "9 features for input(8)", () -> Sequential()
                .input(8)
                .dense(1)
                .compile(adam, mse)
                .fit(Dataset.of(Nd4j.rand(4, 9), Nd4j.zeros(4, 1)), 1));
        try_(cases, "flat pixels into a conv model", () -> Sequential()
                .input(5, 5, 1)
                .conv2d(2, 3)
                .flatten()
                .dense(1)
                .compile(adam, mse)
                .fit(Dataset.of(Nd4j.rand(6, 25), Nd4j.zeros(6, 1)), 1));
        try_(
                cases,
                "NaN in the features",
                () -> Dataset.of(Nd4j.create(new float[][] {{1, Float.NaN}}), Nd4j.zeros(1, 1)));
        try_(
                cases,
                "1e300 in double features",
                () -> Dataset.of(Nd4j.create(new double[][] {{1, 1e300}}), Nd4j.zeros(1, 1)));
        try_(cases, "accuracy on real-valued targets", () -> Sequential()
                .dense(1)
                .compile(adam, mse, accuracy)
                .fit(Dataset.of(Nd4j.rand(4, 8), Nd4j.rand(4, 1).mul(100)), 1));
        try_(cases, "top-5 accuracy of 3 classes", () -> Sequential()
                .dense(3, SOFTMAX)
                .compile(adam, crossEntropy, top5Accuracy)
                .fit(Dataset.of(Nd4j.rand(3, 8), Nd4j.eye(3)), 1));
        try_(cases, "kld with negative labels", () -> Sequential()
                .dense(1, SOFTPLUS)
                .compile(adam, kld)
                .fit(Dataset.of(Nd4j.rand(2, 8), Nd4j.create(new float[][] {{-1}, {1}})), 1));
        try_(cases, "token 10 for embedding(10, 4)", () -> Sequential()
                .embedding(10, 4)
                .lstm(2)
                .dense(1)
                .compile(adam, mse)
                .fit(Dataset.of(Nd4j.create(new float[][] {{1, 10}}), Nd4j.zeros(1, 1)), 1));
        try_(
                cases,
                "dense(50_000).dense(50_000): 40 GB",
                () -> Sequential().input(8).dense(50_000).dense(50_000).compile(adam, mse));
        try_(
                cases,
                "dense(1_000_000_000)",
                () -> Sequential().input(4).dense(1_000_000_000).compile(sgd, mse));
        try_(cases, "epochs(0)", () -> epochs(0));
        try_(cases, "validationSplit(1.0)", () -> epochs(1).validationSplit(1.0));
        try_(cases, "validationSplit with an iterator", () -> Sequential()
                .dense(1, SIGMOID)
                .compile(adam, crossEntropy)
                .fit(rows.iterator(5, 1), epochs(1).validationSplit(0.2)));
        try_(cases, "adam(0)", () -> adam(0));
        try_(cases, "earlyStopping on a value never logged", () -> Sequential()
                .dense(1, SIGMOID)
                .compile(adam, crossEntropy)
                .fit(rows, epochs(2).verbose(0).callbacks(earlyStopping("val_loss"))));
        try_(cases, "CSV: a cell that is not a number", () -> Csv.read(csv).build());
        try_(cases, "CSV: a ragged row", () -> Csv.read(ragged).build());
        try_(cases, "CSV: house prices read as classes", () -> Csv.read(prices).build());
        try_(cases, "CSV: streamed bad cell", () -> Csv.read(csv).classes(2).stream(10)
                .next());
        try_(cases, "CSV: a missing file", () -> Csv.read(dir.resolve("nope.csv"))
                .build());
        try_(cases, "Model.load of a text file", () -> Model.load(notAModel));
        try_(
                cases,
                "save into a missing directory",
                () -> Sequential().input(8).dense(1).compile(adam, mse).save(dir.resolve("missing/model.zip")));
        try_(
                cases,
                "predict(null)",
                () -> Sequential().input(8).dense(1).compile(adam, mse).predict((org.nd4j.linalg.api.ndarray.INDArray)
                        null));
        try_(cases, "predict on images of the wrong shape", () -> Sequential()
                .input(5, 4, 1)
                .conv2d(2, 2)
                .flatten()
                .dense(1)
                .compile(adam, mse)
                .predict(images.features()));
        return cases;
    }

    private static void try_(List<Case> cases, String name, Attempt attempt) {
        try {
            attempt.run();
            cases.add(new Case(name, "ACCEPTED", false));
        } catch (IllegalArgumentException
                | IllegalStateException
                | IOException
                | java.io.UncheckedIOException
                | NullPointerException e) {
            cases.add(new Case(
                    name,
                    e.getClass().getSimpleName() + ": " + e.getMessage(),
                    e.getMessage() != null && !e.getMessage().isBlank()));
        } catch (Exception e) {
            cases.add(new Case(name, "UNEXPECTED " + e, false));
        }
    }

    private static String prices() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            s.append(i % 7)
                    .append(',')
                    .append(i)
                    .append(',')
                    .append(100_000 + 9_871 * i)
                    .append('\n');
        }
        return s.toString();
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("dendrite-bad-inputs");
        List<Case> cases = run(dir);
        System.out.println("case | message");
        System.out.println("---|---");
        cases.forEach(c -> System.out.println(c.name() + " | " + c.outcome().replace('\n', ' ')));
        long refused = cases.stream().filter(Case::refused).count();
        System.out.println(refused + " of " + cases.size() + " refused with a message");
    }
}
