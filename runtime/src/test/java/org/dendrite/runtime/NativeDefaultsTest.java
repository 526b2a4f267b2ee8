package org.dendrite.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.systems.global.linux;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The defaults must be in place before ND4J's native code loads, so each case starts a fresh JVM
 * whose first call is ND4J's own, as in a program that creates arrays in static fields before it
 * touches any Dendrite class: the ServiceLoader hook must apply them all the same.
 */
@Tag("slow") // three fresh JVMs, each loading ND4J's native libraries: 1.4 s on an idle machine, several when busy
class NativeDefaultsTest {

    /** What the fresh JVM runs: an ND4J array first, then the settings JavaCPP and DL4J see, on its last line. */
    public static void main(String[] args) {
        Nd4j.create(new float[] {1, 2, 3});
        System.out.println(
                Pointer.maxPhysicalBytes() + " " + System.getProperty("org.eclipse.deeplearning4j.helpers.disable")
                        + " " + linux.getenv(new BytePointer("OMP_WAIT_POLICY")).getString() + " "
                        + Nd4j.getExecutioner().getClass().getSimpleName());
    }

    @Test
    void nd4jsFirstCallSwitchesOffTheResidentSizeCheckOnTheOneDnnHelpersPutsOpenMpToSleepWhenIdleAndCachesShapes()
            throws Exception {
        assertEquals("0 false PASSIVE ShapeCachingExecutioner", lastLine(runFresh(Map.of())));
    }

    @Test
    void openBlasRunsTheKernelsChosenForThisCpu() throws Exception {
        Optional<OpenBlasCore.Choice> core = OpenBlasCore.forThisCpu();
        assumeTrue(core.isPresent(), "a CPU without AVX2: OpenBLAS chooses its kernels itself");
        String expected = core.get().family();
        assertTrue(
                runFresh(Map.of()).lines().anyMatch(("Core: " + expected)::equals),
                "OpenBLAS should report Core: " + expected);
    }

    @Test
    void aSettingTheUserGaveWins() throws Exception {
        String out = runFresh(
                Map.of("OMP_WAIT_POLICY", "ACTIVE", "OPENBLAS_CORETYPE", "Prescott"),
                "-Dorg.bytedeco.javacpp.maxPhysicalBytes=8g",
                "-Dorg.eclipse.deeplearning4j.helpers.disable=true",
                "-Dopexec=" + NativeOpExecutioner.class.getName());
        assertEquals("8589934592 true ACTIVE NativeOpExecutioner", lastLine(out));
        assertTrue(out.lines().anyMatch("Core: Prescott"::equals), out);
    }

    private static String lastLine(String out) {
        return out.lines().reduce((first, last) -> last).orElse("");
    }

    private static String runFresh(Map<String, String> environment, String... options)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        command.addAll(List.of(options));
        command.add(NativeDefaultsTest.class.getName());
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true); // OpenBLAS reports its kernels there
        builder.environment().remove("OMP_WAIT_POLICY");
        builder.environment().remove("OPENBLAS_CORETYPE");
        builder.environment().put("OPENBLAS_VERBOSE", "2");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(2, TimeUnit.MINUTES);
        assertEquals(0, process.exitValue(), out);
        return out;
    }
}
