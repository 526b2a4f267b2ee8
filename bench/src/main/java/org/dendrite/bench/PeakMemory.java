package org.dendrite.bench;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dendrite.Fit;

/**
 * Peak resident memory of one workload: trained once in a fresh JVM, started with this JVM's
 * memory flags (the project's {@code .mvn/jvm.config} under Maven), which reports Linux's
 * {@code VmHWM} at the end. The PyTorch side measures the same way in a fresh Python process.
 */
final class PeakMemory {

    private PeakMemory() {}

    /** Runs in the fresh JVM: {@code args[0]} is W1, W2 or W3. */
    public static void main(String[] args) {
        TrainingBench.Workload w = TrainingBench.workload(args[0]);
        w.dendrite()
                .get()
                .fit(
                        w.data(),
                        Fit.defaults().epochs(w.epochs()).batch(w.batch()).verbose(0));
        System.out.println(bytes());
    }

    /** Peak resident bytes of this process so far, or -1 where the system does not say. */
    static long bytes() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(line -> line.startsWith("VmHWM:"))
                    .findFirst()
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024)
                    .orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }

    /** The peak of one run of the named workload in a fresh JVM. */
    static long ofFreshRun(String workload) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> arg.startsWith("-X"))
                .forEach(command::add);
        command.addAll(List.of("-cp", classPath(), PeakMemory.class.getName(), workload));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.waitFor() != 0) {
            throw new IOException(
                    "the memory probe for " + workload + " failed with exit code " + process.exitValue() + ": " + out);
        }
        return Long.parseLong(out.lines().reduce((first, last) -> last).orElseThrow());
    }

    /** E.g. {@code 0.42 GB}. */
    static String format(long bytes) {
        return bytes < 0 ? "?" : String.format(Locale.ROOT, "%.2f GB", bytes / 1e9);
    }

    /** The bench's class path: Maven's exec:java puts it in a class loader, not in java.class.path. */
    private static String classPath() {
        if (Thread.currentThread().getContextClassLoader() instanceof URLClassLoader loader
                && loader.getURLs().length > 0) {
            return Arrays.stream(loader.getURLs())
                    .map(url -> Path.of(URI.create(url.toString())).toString())
                    .collect(Collectors.joining(File.pathSeparator));
        }
        return System.getProperty("java.class.path");
    }
}
