package org.dendrite.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@link DjlBench} in a JVM of its own (DJL's PyTorch engine offline, 2 threads, libtorch's
 * own BLAS) and reads its lines; where DJL fails, says why and leaves its column empty.
 */
final class DjlSide {

    private static final List<String> OPTIONS = List.of(
            "-Dai.djl.offline=true",
            "-Dai.djl.default_engine=PyTorch",
            "-Dai.djl.pytorch.num_threads=2",
            "-Dai.djl.pytorch.num_interop_threads=1");

    private DjlSide() {}

    /** Each line of a command's output as name → timing, from {@code name median min max ...}. */
    static Map<String, Timing> timings(String command, String... arguments) {
        Map<String, Timing> timings = new LinkedHashMap<>();
        figures(command, arguments).forEach((name, f) -> timings.put(name, new Timing(f[0], f[1], f[2])));
        return timings;
    }

    /** Each line of a command's output as name → its numbers; empty, with a line saying why, if DJL failed. */
    static Map<String, double[]> figures(String command, String... arguments) {
        String[] all = new String[arguments.length + 1];
        all[0] = command;
        System.arraycopy(arguments, 0, all, 1, arguments.length);
        Map<String, double[]> figures = new LinkedHashMap<>();
        try {
            String out = Processes.output(
                    new ProcessBuilder(ChildJvm.command(DjlBench.class, OPTIONS, all))
                            .redirectError(ProcessBuilder.Redirect.DISCARD),
                    "DJL's " + command);
            for (String line : out.split("\n")) {
                String[] f = line.strip().split(" ");
                if (f.length > 1 && f[1].matches("[-0-9.eE]+|NaN")) {
                    figures.put(
                            f[0],
                            Arrays.stream(f, 1, f.length)
                                    .mapToDouble(Double::parseDouble)
                                    .toArray());
                }
            }
        } catch (Exception e) {
            System.out.println("DJL side skipped: " + e.getMessage());
        }
        return figures;
    }
}
