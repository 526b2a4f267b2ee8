package org.dendrite.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.dendrite.datasets.DatasetCache;
import org.dendrite.datasets.Datasets;
import org.dendrite.runtime.NativeDefaults;

/**
 * Runs {@code bench/pytorch/bench.py} (PyTorch from Debian's packages, installed by
 * {@code bench/pytorch/install.sh}) on the same Pima CSV and MNIST files, and reads its timings.
 */
final class PyTorchSide {

    private static final String PYTHON = "/usr/bin/python3";

    /**
     * How the Python process runs. PyTorch sits on the same OpenMP and OpenBLAS as ND4J, so the
     * environment Dendrite sets for itself (the wait policy, OpenBLAS's kernels) speeds it up as well:
     * the bench shows PyTorch as a user gets it and with those settings.
     */
    enum Setup {
        AS_INSTALLED("PyTorch 1.13"),
        DENDRITES_ENVIRONMENT("PyTorch 1.13 + "
                + NativeDefaults.environment().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", ")));

        private final String label;

        Setup(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    private PyTorchSide() {}

    /** Whether Debian's python3-torch is installed; prints how to install it when not. */
    static boolean installed() throws Exception {
        boolean installed =
                new ProcessBuilder(PYTHON, "-c", "import torch").start().waitFor() == 0;
        if (!installed) {
            System.out.println("PyTorch side skipped: run bench/pytorch/install.sh to install Debian's python3-torch");
        }
        return installed;
    }

    /** Workload name (W1, W2, W3) → timing. */
    static Map<String, Timing> run(Path script, Setup setup, int repetitions, int w3Steps) throws Exception {
        Map<String, Timing> timings = new LinkedHashMap<>();
        for (String line : runScript(script, setup, Integer.toString(repetitions), Integer.toString(w3Steps))
                .split("\n")) {
            String[] f = line.trim().split(" ");
            timings.put(f[0], new Timing(Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])));
        }
        return timings;
    }

    /** Peak resident bytes of a fresh Python process, as installed, that trains the named workload once. */
    static long peak(Path script, String workload, int w3Steps) throws Exception {
        String out = runScript(script, Setup.AS_INSTALLED, "1", Integer.toString(w3Steps), workload);
        return Long.parseLong(out.split(" ")[1]);
    }

    /** Runs the script on the Pima CSV and the MNIST folder, followed by {@code arguments}; its output. */
    private static String runScript(Path script, Setup setup, String... arguments) throws Exception {
        Datasets.mnist();
        Path pima = Files.createTempFile("pima", ".csv");
        try (InputStream in = Datasets.class.getResourceAsStream("pima-indians-diabetes.csv")) {
            Files.copy(in, pima, StandardCopyOption.REPLACE_EXISTING);
            List<String> command = new ArrayList<>(List.of(
                    PYTHON,
                    script.toString(),
                    pima.toString(),
                    DatasetCache.standard().root().resolve("mnist").toString()));
            command.addAll(List.of(arguments));
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
            // this JVM's own, set by Dendrite, would leak into Python
            NativeDefaults.environment().keySet().forEach(builder.environment()::remove);
            if (setup == Setup.DENDRITES_ENVIRONMENT) {
                builder.environment().putAll(NativeDefaults.environment());
            }
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IOException(script + " failed with exit code " + process.exitValue());
            }
            return out.strip();
        } finally {
            Files.deleteIfExists(pima);
        }
    }
}
