package org.dendrite.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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
        String out = Processes.output(
                ChildJvm.builder(PeakMemory.class, List.of(), workload).redirectError(ProcessBuilder.Redirect.DISCARD),
                "the memory probe for " + workload);
        return Long.parseLong(out.lines().reduce((first, last) -> last).orElseThrow());
    }

    /** E.g. {@code 0.42 GB}. */
    static String format(long bytes) {
        return bytes < 0 ? "?" : String.format(Locale.ROOT, "%.2f GB", bytes / 1e9);
    }
}
