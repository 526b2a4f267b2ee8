package org.dendrite.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dendrite.datasets.DatasetCache;
import org.dendrite.datasets.Datasets;
import org.dendrite.runtime.NativeDefaults;

/**
 * Runs {@code bench/pytorch/bench.py} (PyTorch from Debian's packages, installed by
 * {@code bench/pytorch/install.sh}) on the same Pima CSV and MNIST files, and reads its figures.
 * Each run names the OpenBLAS kernel family Python loads (with Dendrite's other settings), or none:
 * the environment the bench was started with, as a user's Python would get it.
 */
final class PyTorchSide {

    private static final String PYTHON = "/usr/bin/python3";

    private static Boolean installed;
    private static Path pimaCsv;

    private PyTorchSide() {}

    /** Whether Debian's python3-torch is installed; prints how to install it when not. */
    static synchronized boolean installed() throws Exception {
        if (installed == null) {
            installed = new ProcessBuilder(PYTHON, "-c", "import torch").start().waitFor() == 0;
            if (!installed) {
                System.out.println(
                        "PyTorch side skipped: run bench/pytorch/install.sh to install Debian's python3-torch");
            }
        }
        return installed;
    }

    /** The script, {@code bench/pytorch/bench.py} from the working directory unless -Ddendrite.bench.pytorch says. */
    static Path script() {
        return Path.of(System.getProperty("dendrite.bench.pytorch", "bench/pytorch/bench.py"));
    }

    /** Each line of a command's output as name → timing, from {@code name median min max ...}. */
    static Map<String, Timing> timings(Optional<String> family, String command, String... arguments) throws Exception {
        Map<String, Timing> timings = new LinkedHashMap<>();
        figures(family, command, arguments).forEach((name, f) -> timings.put(name, new Timing(f[0], f[1], f[2])));
        return timings;
    }

    /**
     * Timings of a command (given one repetition) under several setups, one process of each per
     * round, the order reversed every other round as {@link Timing#interleaved} does: drift in the
     * machine's speed falls on every setup alike. One map of name → timing per setup.
     */
    static List<Map<String, Timing>> interleaved(
            List<Optional<String>> families, int repetitions, String command, String... arguments) throws Exception {
        List<Map<String, List<Double>>> seconds = new ArrayList<>();
        families.forEach(f -> seconds.add(new LinkedHashMap<>()));
        for (int round = 0; round < repetitions; round++) {
            for (int i = 0; i < families.size(); i++) {
                int next = round % 2 == 0 ? i : families.size() - 1 - i;
                timings(families.get(next), command, arguments).forEach((name, t) -> seconds.get(next)
                        .computeIfAbsent(name, n -> new ArrayList<>())
                        .add(t.median()));
            }
        }
        List<Map<String, Timing>> timings = new ArrayList<>();
        for (Map<String, List<Double>> setup : seconds) {
            Map<String, Timing> bySetup = new LinkedHashMap<>();
            setup.forEach((name, list) -> bySetup.put(
                    name,
                    Timing.of(list.stream().mapToDouble(Double::doubleValue).toArray())));
            timings.add(bySetup);
        }
        return timings;
    }

    /** Each line of a command's output as name → its numbers. */
    static Map<String, double[]> figures(Optional<String> family, String command, String... arguments)
            throws Exception {
        Map<String, double[]> figures = new LinkedHashMap<>();
        for (String line : output(family, command, arguments).split("\n")) {
            String[] f = line.strip().split(" ");
            figures.put(
                    f[0],
                    Arrays.stream(f, 1, f.length)
                            .mapToDouble(Double::parseDouble)
                            .toArray());
        }
        return figures;
    }

    /** Peak resident bytes of a fresh Python process, as installed, that trains the named workload once. */
    static long peak(String workload, int w3Steps) throws Exception {
        return (long)
                figures(Optional.empty(), "peak", pimaCsv().toString(), mnistDir(), Integer.toString(w3Steps), workload)
                        .get(workload)[0];
    }

    /** The Pima CSV as a file (it ships inside the datasets jar), written once per bench run. */
    static synchronized Path pimaCsv() throws IOException {
        if (pimaCsv == null) {
            pimaCsv = Files.createTempFile("pima", ".csv");
            pimaCsv.toFile().deleteOnExit();
            try (InputStream in = Datasets.class.getResourceAsStream("pima-indians-diabetes.csv")) {
                Files.copy(in, pimaCsv, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return pimaCsv;
    }

    /** The folder of MNIST's files, downloaded first if need be. */
    static String mnistDir() {
        Datasets.mnist();
        return DatasetCache.standard().root().resolve("mnist").toString();
    }

    /** The command that starts Python on the script, with {@code arguments}. */
    static List<String> command(String... arguments) {
        List<String> command = new ArrayList<>(List.of(PYTHON, script().toString()));
        command.addAll(List.of(arguments));
        return command;
    }

    /**
     * A process running the script in the bench's environment; where {@code family} is given, with
     * that OpenBLAS family and the rest of the environment Dendrite sets for itself (OpenMP's passive
     * wait: on a machine shared with other work, spinning OpenMP threads cost PyTorch up to 50× on
     * small operations, measured on mnist_cnn's one-example latency), so both sides run alike.
     */
    static ProcessBuilder builder(Optional<String> family, String... arguments) {
        ProcessBuilder builder = new ProcessBuilder(command(arguments)).redirectError(ProcessBuilder.Redirect.INHERIT);
        family.ifPresent(f -> {
            builder.environment().putAll(NativeDefaults.environment());
            builder.environment().put(KernelFamilies.VARIABLE, f);
        });
        return builder;
    }

    /** Runs one of the script's commands to its end; its output. */
    static String output(Optional<String> family, String command, String... arguments) throws Exception {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(arguments));
        return Processes.output(builder(family, all.toArray(String[]::new)), script() + " " + command);
    }
}
