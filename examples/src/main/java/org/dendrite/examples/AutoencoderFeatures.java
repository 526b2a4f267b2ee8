package org.dendrite.examples;

import static org.dendrite.Dendrite.*;

import org.dendrite.Model;
import org.dendrite.datasets.Dataset;
import org.dendrite.datasets.Datasets;
import org.dendrite.datasets.Mnist;

/**
 * Features learnt without labels, then a linear classifier on them: the deep-learning successor of
 * scikit-learn's "Restricted Boltzmann Machine features for digit classification" example (a
 * {@code BernoulliRBM} pipelined into a {@code LogisticRegression}, compared with logistic
 * regression on the raw pixels). Here an autoencoder learns to squeeze MNIST's 784 pixels through
 * 32 numbers and back, trained with its inputs as its labels; its encoder, frozen, then feeds a
 * softmax over the ten digits. The baseline is the same softmax on the raw pixels, trained on the
 * same images for the same epochs.
 *
 * <p>On MNIST the comparison goes the other way from scikit-learn's on its 8×8 digits: a softmax
 * on the 784 raw pixels is already a strong classifier (about 91% after 10 epochs on 10,000
 * images), and the 32 features, learnt to redraw the digits rather than to tell them apart, keep
 * most but not all of what it needs (about 86%), from a 24th of the inputs. The softmax on the
 * features needs more epochs than the autoencoder: ReLU codes range up to about 40, and Adam's
 * small steps take a while to scale 330 weights to them (5 epochs leave it at 78%).
 *
 * <p>Keras:
 * <pre>{@code
 * autoencoder = keras.Sequential([keras.Input((784,)),
 *     layers.Dense(128, activation="relu"), layers.Dense(32, activation="relu"),   # encoder
 *     layers.Dense(128, activation="relu"), layers.Dense(784, activation="sigmoid")])  # decoder
 * autoencoder.compile(optimizer="adam", loss="binary_crossentropy")
 * autoencoder.fit(x_train, x_train, epochs=5)         # pixels in [0, 1]: the input is the label
 * encoder = keras.Model(autoencoder.input, autoencoder.get_layer("dense_1").output)
 * encoder.trainable = False
 * pixels = keras.Input((784,))
 * classifier = keras.Model(pixels, layers.Dense(10, activation="softmax")(encoder(pixels)))
 * classifier.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
 * classifier.fit(x_train, y_train, epochs=10)
 * raw = keras.Sequential([layers.Dense(10, activation="softmax")])  # logistic regression on pixels
 * }</pre>
 *
 * <p>Run: {@code mvn -q -pl examples exec:java -Dexec.mainClass=org.dendrite.examples.AutoencoderFeatures}.
 * Arguments: {@code --train N} (training images, default 10,000), {@code --epochs N} (the
 * autoencoder's, default 5), {@code --classifier-epochs N} (each classifier's, default 10).
 */
public final class AutoencoderFeatures {

    static final int TRAIN = 10_000;
    static final int EPOCHS = 5;
    static final int CLASSIFIER_EPOCHS = 10;

    /**
     * @param autoencoder         the trained autoencoder, its encoder frozen
     * @param classifier          the softmax on the frozen encoder's 32 features
     * @param raw                 the softmax on the 784 raw pixels
     * @param reconstructionLoss  the autoencoder's binary cross-entropy on the test images, the mean
     *                            over the 784 pixels, as Keras reports it
     * @param accuracy            the classifier's accuracy on the 10,000 test images
     * @param rawAccuracy         the raw-pixel softmax's accuracy on them
     * @param autoencoderSeconds  the time the autoencoder took to train
     * @param classifierSeconds   the time the classifier took to train
     * @param rawSeconds          the time the raw-pixel softmax took to train
     */
    record Result(
            Model autoencoder,
            Model classifier,
            Model raw,
            double reconstructionLoss,
            double accuracy,
            double rawAccuracy,
            double autoencoderSeconds,
            double classifierSeconds,
            double rawSeconds) {}

    /** 784 → 128 → 32 (the encoder: dense, dense_1) → 128 → 784 sigmoid (the decoder: dense_2, dense_3). */
    static Model autoencoder() {
        return Sequential()
                .input(784)
                .dense(128, RELU)
                .dense(32, RELU) // the code: summary() names it dense_1
                .dense(128, RELU)
                .dense(784, SIGMOID) // a probability per pixel, as the pixels are in [0, 1]
                .compile(adam, binaryCrossEntropy);
    }

    /** A softmax over the ten digits on the autoencoder's encoder (frozen, if frozen there). */
    static Model classifier(Model autoencoder) {
        var pixels = Input(784);
        var code = autoencoder.apply(pixels, "dense_1"); // Model(ae.input, ae.get_layer("dense_1").output)(pixels)
        return Model(pixels, code.dense(10, SOFTMAX)).compile(adam, crossEntropy, accuracy);
    }

    /** Multinomial logistic regression on the raw pixels: the baseline. */
    static Model raw() {
        return Sequential().input(784).dense(10, SOFTMAX).compile(adam, crossEntropy, accuracy);
    }

    /** Seconds since {@code start} (from {@link System#nanoTime()}). */
    private static double since(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    static Result run(Mnist mnist, int train, int epochs, int classifierEpochs, int verbose) {
        Dataset images = mnist.train().take(train); // Mnist's pixels are already scaled to [0, 1]
        Dataset test = mnist.test();

        // 1. Unsupervised: the autoencoder learns to reproduce its input; the labels are the pixels.
        long start = System.nanoTime();
        Model autoencoder = autoencoder();
        autoencoder.fit(
                Dataset.of(images.features(), images.features()), epochs(epochs).verbose(verbose));
        double autoencoderSeconds = since(start);
        double reconstructionLoss = autoencoder
                .evaluate(Dataset.of(test.features(), test.features()))
                .loss();

        // 2. Supervised: a softmax on the frozen encoder's 32 features.
        autoencoder.freezeUpTo("dense_1"); // encoder.trainable = False
        start = System.nanoTime();
        Model classifier = classifier(autoencoder);
        classifier.fit(images, epochs(classifierEpochs).verbose(verbose));
        double classifierSeconds = since(start);

        // 3. The baseline: the same softmax on the 784 pixels themselves.
        start = System.nanoTime();
        Model raw = raw();
        raw.fit(images, epochs(classifierEpochs).verbose(verbose));
        double rawSeconds = since(start);

        return new Result(
                autoencoder,
                classifier,
                raw,
                reconstructionLoss,
                classifier.evaluate(test).accuracy(),
                raw.evaluate(test).accuracy(),
                autoencoderSeconds,
                classifierSeconds,
                rawSeconds);
    }

    public static void main(String[] args) {
        Args options = Args.parse(args);
        int train = options.intValue("train", TRAIN);
        int epochs = options.intValue("epochs", EPOCHS);
        int classifierEpochs = options.intValue("classifier-epochs", CLASSIFIER_EPOCHS);
        Result result = run(Datasets.mnist(), train, epochs, classifierEpochs, 0);
        result.autoencoder().summary();
        System.out.printf(
                "autoencoder: test binary cross-entropy %.4f per pixel (%d epochs, %.1f s)%n",
                result.reconstructionLoss(), epochs, result.autoencoderSeconds());
        result.classifier().summary();
        System.out.printf(
                "softmax on the encoder's 32 features: test accuracy %.2f%% (%.1f s)%n",
                100 * result.accuracy(), result.classifierSeconds());
        System.out.printf(
                "softmax on the 784 raw pixels:        test accuracy %.2f%% (%.1f s)%n",
                100 * result.rawAccuracy(), result.rawSeconds());
        System.out.printf(
                "both classifiers trained %d epochs in batches of 32 on the same %,d images, tested on the 10,000 test images%n",
                classifierEpochs, train);
    }
}
