package org.dendrite.callbacks;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dendrite.History;
import org.dendrite.TestData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real browser: headless Chromium loads the page after a short fit, the test
 * reads the curves' points and the last epoch's numbers from the DOM the page's script built, and
 * compares them with the History; a screenshot lands in {@code target/dashboard-screenshot.png}.
 * Skipped where no {@code chromium} or {@code chromium-browser} is on the PATH ({@code .ci/run}
 * installs Debian's {@code chromium} where it can).
 */
@Tag("slow") // two browser starts: 2 to 6 s
class DashboardBrowserTest {

    @TempDir
    Path profile;

    static Optional<Path> chromium() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of("chromium", "chromium-browser")
                .flatMap(name -> Stream.of(path.split(File.pathSeparator)).map(dir -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private String browser(Path chromium, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                chromium.toString(),
                "--headless",
                "--disable-gpu",
                "--no-sandbox",
                "--no-first-run",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile,
                // let the page's script fetch runs.json and draw before the DOM is dumped
                "--virtual-time-budget=3000"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(profile.getParent(), "chromium", ".out");
        Process p = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish in 90 s: " + command);
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        return text;
    }

    /** Each series drawn in the chart {@code id}: name → (epoch → value), read from the polylines' data-points. */
    static Map<String, Map<Integer, Double>> series(String dom, String id) {
        int start = dom.indexOf("id=\"" + id + "\"");
        assertTrue(start >= 0, "no chart " + id + " in the page");
        String figure = dom.substring(start, dom.indexOf("</figure>", start));
        Map<String, Map<Integer, Double>> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("<polyline [^>]*data-name=\"([^\"]+)\" data-points=\"([^\"]*)\"")
                .matcher(figure);
        while (m.find()) {
            Map<Integer, Double> points = new LinkedHashMap<>();
            for (String point : m.group(2).split(" ")) {
                String[] xy = point.split(":");
                points.put(Integer.parseInt(xy[0]), Double.parseDouble(xy[1]));
            }
            out.put(m.group(1), points);
        }
        return out;
    }

    static Map<Integer, Double> byEpoch(History history, String name) {
        Map<Integer, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < history.metric(name).size(); i++) {
            out.put(history.epochsOf(name).get(i), history.metric(name).get(i));
        }
        return out;
    }

    /** A classifier of {@code units} hidden units trained on {@code TestData.noisy(seed)}. */
    private static History trained(
            int units, org.dendrite.optimizers.Optimizer optimizer, long seed, org.dendrite.Fit fit) {
        return Sequential()
                .dense(units, RELU, HE)
                .dense(1, SIGMOID)
                .compile(optimizer, crossEntropy, accuracy)
                .fit(TestData.noisy(seed), fit);
    }

    @Test
    void thePageDrawsWhatTheHistoryHolds() throws Exception {
        Optional<Path> chromium = chromium();
        assumeTrue(
                chromium.isPresent(),
                "no chromium or chromium-browser on the PATH: the browser test of the dashboard is skipped "
                        + "(apt-get install chromium; .ci/run does it where it runs as root)");

        History history = trained(
                8,
                adam(0.01),
                7,
                epochs(5)
                        .batch(16)
                        .validationSplit(0.25)
                        .verbose(0)
                        .callbacks(dashboard().name("browser-test").magnitudesEvery(10)));
        String url = Dashboard.url();
        String json = DashboardTest.get(url + "runs.json").body();
        String run = DashboardTest.runJson(json, "browser-test");
        Matcher id = Pattern.compile("^\\{\"id\":(\\d+)").matcher(run);
        assertTrue(id.find(), run);
        String prefix = "run-" + id.group(1);

        String dom = browser(chromium.get(), "--dump-dom", url);
        assertTrue(dom.contains("id=\"" + prefix + "\""), "the page shows the run:\n" + dom);
        assertTrue(dom.contains("browser-test"), dom);

        for (String metric : List.of("loss", "accuracy")) {
            var drawn = series(dom, prefix + "-chart-" + metric);
            assertEquals(byEpoch(history, metric), drawn.get(metric), metric + " as drawn");
            assertEquals(byEpoch(history, "val_" + metric), drawn.get("val_" + metric), "val_" + metric + " as drawn");
        }
        assertEquals(5, series(dom, prefix + "-chart-lr").get("lr").size());
        assertEquals(
                20, series(dom, prefix + "-chart-batch-loss").get("batch loss").size(), "4 batches × 5 epochs");
        var ratios = series(dom, prefix + "-chart-update-ratio");
        assertEquals(2, ratios.size(), "one update/weight line per dense layer: " + ratios);
        ratios.values().forEach(points -> assertEquals(2, points.size(), "steps 10 and 20: " + points));
        for (String name : List.of("loss", "accuracy", "val_loss", "val_accuracy")) {
            Matcher cell = Pattern.compile("id=\"" + prefix + "-last-" + name + "\" data-value=\"([^\"]+)\"")
                    .matcher(dom);
            assertTrue(cell.find(), "the last epoch's " + name + " in the table");
            assertEquals(history.metric(name).get(4), Double.parseDouble(cell.group(1)), name);
        }

        Path screenshot = Path.of("target", "dashboard-screenshot.png").toAbsolutePath();
        Files.createDirectories(screenshot.getParent());
        Files.deleteIfExists(screenshot);
        browser(chromium.get(), "--screenshot=" + screenshot, "--window-size=1200,800", url);
        assertTrue(Files.size(screenshot) > 10_000, "a screenshot with something drawn: " + screenshot);
        System.out.println("dashboard screenshot: " + screenshot);
    }

    @Test
    void theCompareToggleDrawsEveryRunOnOneChart() throws Exception {
        Optional<Path> chromium = chromium();
        assumeTrue(chromium.isPresent(), "no chromium or chromium-browser on the PATH: skipped");
        History a = trained(
                8,
                adam(0.01),
                7,
                epochs(3).batch(16).verbose(0).callbacks(dashboard().name("compare-a")));
        History b = trained(
                4,
                sgd(0.1),
                8,
                epochs(4).batch(16).verbose(0).callbacks(dashboard().name("compare-b")));
        String url = Dashboard.url();

        String plain = browser(chromium.get(), "--dump-dom", url);
        assertFalse(plain.contains("id=\"compare-chart-loss\""), "no comparison unless asked");
        String dom = browser(chromium.get(), "--dump-dom", url + "#compare");
        assertTrue(dom.contains("id=\"compare-toggle\" checked") || dom.contains("id=\"compare\""), dom);
        for (String metric : List.of("loss", "accuracy")) {
            var drawn = series(dom, "compare-chart-" + metric);
            assertEquals(byEpoch(a, metric), drawn.get("compare-a"), "run a's " + metric + " on the shared chart");
            assertEquals(byEpoch(b, metric), drawn.get("compare-b"), "run b's " + metric + " on the shared chart");
        }
        Path screenshot = Path.of("target", "dashboard-compare-screenshot.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        browser(chromium.get(), "--screenshot=" + screenshot, "--window-size=1200,800", url + "#compare");
        assertTrue(Files.size(screenshot) > 10_000, "a screenshot with something drawn: " + screenshot);
    }
}
