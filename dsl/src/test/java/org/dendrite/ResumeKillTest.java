package org.dendrite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof of {@code Fit.backup(dir)}: a real child JVM training with dropout and early stopping
 * is killed with SIGKILL in the middle of its run, started again with the same call, and ends with
 * the same weights, bit for bit, and the same History as a run never interrupted.
 */
@Tag("slow") // three JVMs, each loading ND4J's native libraries and training: 5.5 to 10 s
class ResumeKillTest {

    @TempDir
    Path dir;

    @Test
    void aRunKilledWithSigkillAndStartedAgainEndsWithTheWeightsOfARunNeverInterrupted() throws Exception {
        Path wholeWeights = dir.resolve("whole.bin");
        List<String> whole = finish(start(dir.resolve("whole-backup"), wholeWeights, 0));
        assertEquals(
                "begin 1",
                whole.stream().filter(l -> l.startsWith("begin ")).findFirst().orElseThrow());

        Path backup = dir.resolve("backup");
        Path weights = dir.resolve("resumed.bin");
        Process first = start(backup, weights, 600);
        List<String> seen = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                seen.add(line);
                if (line.equals("begin 4")) { // epochs 1 to 3 finished, and so backed up
                    break;
                }
            }
            assertTrue(seen.contains("begin 4"), "the child ended before epoch 4: " + seen);
            assertTrue(Files.exists(backup.resolve(Backup.FILE)), "a backup after epoch 3");
            Thread.sleep(300); // in the middle of epoch 4
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
            assertTrue(first.waitFor(1, TimeUnit.MINUTES));
        }
        assertEquals(137, first.exitValue(), "killed by SIGKILL");
        assertFalse(Files.exists(weights), "the killed run never finished");
        assertTrue(Files.exists(backup.resolve(Backup.FILE)), "the backup survives the kill");

        List<String> resumed = finish(start(backup, weights, 0));
        assertEquals(
                "begin 4",
                resumed.stream().filter(l -> l.startsWith("begin ")).findFirst().orElseThrow(),
                "the second start continues after the backed-up epoch 3: " + resumed);
        assertEquals(last(whole), last(resumed), "the same History, early stop and best epoch");
        assertTrue(last(whole).contains("stopped "), last(whole));
        assertArrayEquals(
                Files.readAllBytes(wholeWeights),
                Files.readAllBytes(weights),
                "the same weights, bit for bit: the best epoch's, restored, and those the last epoch trained after the restart");
        assertFalse(Files.exists(backup), "the backup is deleted once training has ended normally");
        assertFalse(Files.exists(dir.resolve("whole-backup")));
    }

    private static String last(List<String> lines) {
        return lines.stream()
                .filter(l -> l.startsWith("history "))
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    private static Process start(Path backup, Path weights, long sleep) throws IOException {
        return new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Xmx512m",
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                        ResumeChild.class.getName(),
                        backup.toString(),
                        weights.toString(),
                        Long.toString(sleep))
                .redirectErrorStream(true)
                .start();
    }

    /** The child's output once it has ended, which it must do normally. */
    private static List<String> finish(Process process) throws IOException, InterruptedException {
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), out);
        assertEquals(0, process.exitValue(), out);
        return out.lines().toList();
    }
}
