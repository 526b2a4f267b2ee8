package org.dendrite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dendrite.runtime.CudaBackend;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where ND4J runs this JVM's arithmetic: {@code "CPU"} (the default build) or {@code "CUDA"} (built
 * with {@code mvn -Pcuda}), and on what. ND4J picks its backend from the class path, so this is
 * the way to check a build did what was meant: {@code Dendrite.backend()} in JShell prints e.g.
 * {@code CPU: AMD EPYC 9R14 96-Core Processor, 2 cores}.
 *
 * @param name   {@code "CPU"} or {@code "CUDA"}
 * @param device the processor, with its cores; or each GPU, with its memory
 */
public record Backend(String name, String device) {

    /**
     * The backend ND4J runs on. The CPU's is told without loading ND4J (JShell's welcome line
     * stays quick); naming the GPUs loads it.
     */
    static Backend current() {
        if (!CudaBackend.onClassPath()) {
            return new Backend(
                    "CPU", processorName() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        }
        return new Backend("CUDA", gpus(Nd4j.getExecutioner().getEnvironmentInformation()));
    }

    private static String gpus(Map<Object, Object> information) {
        if (!(information.get("cuda.devicesInformation") instanceof List<?> devices)) {
            return "unknown GPU";
        }
        return devices.stream()
                .map(device -> (Map<?, ?>) device)
                .map(device -> device.get("cuda.totalMemory") instanceof Number memory
                        ? device.get("cuda.deviceName") + ", " + gibibytes(memory.longValue()) + " GiB"
                        : String.valueOf(device.get("cuda.deviceName")))
                .collect(Collectors.joining("; "));
    }

    /** The processor's name as Linux reports it; "unknown processor" elsewhere. */
    private static String processorName() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst()
                    .orElse("unknown processor");
        } catch (IOException e) {
            return "unknown processor";
        }
    }

    private static String gibibytes(long bytes) {
        return String.format("%.1f", bytes / (double) (1L << 30));
    }

    @Override
    public String toString() {
        return name + ": " + device;
    }
}
