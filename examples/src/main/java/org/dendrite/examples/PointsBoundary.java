package org.dendrite.examples;

import static org.dendrite.Dendrite.*;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dendrite.Model;
import org.dendrite.datasets.Dataset;
import org.dendrite.plots.Charts;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The tutorial's 2-D point classifier: eight points, two classes, a 2 → 4 sigmoid → 1 sigmoid
 * network, and a PNG of the plane coloured by the class the network predicts there (its
 * decision boundary) with the points drawn on it.
 *
 * <p>Run: {@code mvn -q -pl examples exec:java -Dexec.mainClass=org.dendrite.examples.PointsBoundary -Dexec.args="--out boundary.png"}.
 */
public final class PointsBoundary {

    static final INDArray POINTS =
            Nd4j.create(new float[][] {{3, 1}, {2, 5}, {1, 8}, {6, 4}, {5, 2}, {3, 5}, {4, 7}, {4, -1}});
    static final INDArray LABELS = Nd4j.create(new float[][] {{0}, {1}, {1}, {0}, {0}, {1}, {1}, {0}});
    private static final Dataset DATA = Dataset.of(POINTS, LABELS);
    static final int WIDTH = 800;
    static final int HEIGHT = 600;

    /** @param predicted the class the network gives each of the eight points */
    record Result(int[] predicted, int correct) {}

    static Model train() {
        Model model = Sequential().dense(4, SIGMOID).dense(1, SIGMOID).compile(adam(0.05), crossEntropy, accuracy);
        model.fit(DATA, epochs(1500).batch(8).verbose(0));
        return model;
    }

    static Result run(Path png) throws IOException {
        Model model = train();
        int[] predicted = model.predict(POINTS).gt(0.5).castTo(DataType.INT).toIntVector();
        int correct = (int) Math.round(8 * model.evaluate(DATA).accuracy());
        plot(model, png);
        return new Result(predicted, correct);
    }

    /** A grid over the plane, each cell coloured by the predicted class, and the training points on top. */
    static void plot(Model model, Path png) throws IOException {
        double minX = -1, maxX = 8, minY = -3, maxY = 10, step = 0.12;
        List<float[]> grid = new ArrayList<>();
        for (double x = minX; x <= maxX; x += step) {
            for (double y = minY; y <= maxY; y += step) {
                grid.add(new float[] {(float) x, (float) y});
            }
        }
        INDArray gridPoints = Nd4j.create(grid.toArray(float[][]::new));
        INDArray classes = model.predict(gridPoints).gt(0.5);
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title("Decision boundary of 2-4-1 sigmoid network")
                .xAxisTitle("x")
                .yAxisTitle("y")
                .build();
        var styler = chart.getStyler();
        styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        styler.setMarkerSize(9);
        styler.setXAxisMin(minX).setXAxisMax(maxX).setYAxisMin(minY).setYAxisMax(maxY);
        addClass(chart, "predicted 0", gridPoints, classes, false, new Color(255, 210, 210), SeriesMarkers.SQUARE);
        addClass(chart, "predicted 1", gridPoints, classes, true, new Color(210, 220, 255), SeriesMarkers.SQUARE);
        INDArray labels = LABELS.getColumn(0).gt(0.5);
        addClass(chart, "class 0", POINTS, labels, false, Color.RED, SeriesMarkers.DIAMOND);
        addClass(chart, "class 1", POINTS, labels, true, Color.BLUE, SeriesMarkers.DIAMOND);
        Charts.savePng(png, List.of(chart), WIDTH, HEIGHT);
    }

    private static void addClass(
            XYChart chart, String name, INDArray points, INDArray classes, boolean which, Color color, Marker marker) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < points.size(0); i++) {
            if (classes.getDouble(i) != 0 == which) {
                xs.add(points.getDouble(i, 0));
                ys.add(points.getDouble(i, 1));
            }
        }
        if (!xs.isEmpty()) {
            var series = chart.addSeries(name, xs, ys);
            series.setMarker(marker).setMarkerColor(color);
        }
    }

    public static void main(String[] args) throws IOException {
        Path png = Path.of(Args.parse(args).value("out", "points-boundary.png"));
        Result result = run(png);
        System.out.println(
                "predicted classes: " + Arrays.toString(result.predicted()) + " (targets [0, 1, 1, 0, 0, 1, 1, 0])");
        System.out.println(result.correct() + " of 8 points right");
        System.out.println("decision boundary plot written to " + png.toAbsolutePath());
    }
}
