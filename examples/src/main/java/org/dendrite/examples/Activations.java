package org.dendrite.examples;

import static org.dendrite.Dendrite.*;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dendrite.activations.Activation;
import org.dendrite.plots.Charts;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The activation functions of the tutorials and their derivatives on [-10, 10], computed by the
 * same DL4J activation functions the layers use (the derivative is DL4J's backward pass with an
 * incoming gradient of 1), drawn side by side into one PNG.
 *
 * <p>Run: {@code mvn -q -pl examples exec:java -Dexec.mainClass=org.dendrite.examples.Activations -Dexec.args="--out activations.png"}.
 */
public final class Activations {

    static final Map<String, Activation> PLOTTED = new LinkedHashMap<>();
    private static final Color[] COLOURS = {
        Color.BLUE, Color.ORANGE, Color.RED, Color.GREEN.darker(), Color.MAGENTA, Color.BLACK
    };

    static {
        PLOTTED.put("sigmoid", SIGMOID);
        PLOTTED.put("tanh", TANH);
        PLOTTED.put("relu", RELU);
        PLOTTED.put("leaky relu (0.3)", LEAKY_RELU);
        PLOTTED.put("elu", ELU);
        PLOTTED.put("softplus", SOFTPLUS);
    }

    /** The function's values at {@code x}. */
    static INDArray value(Activation activation, INDArray x) {
        return activation.toDl4j().getActivation(x.dup(), false);
    }

    /** The derivative at {@code x}: DL4J's backward pass given a gradient of ones. */
    static INDArray derivative(Activation activation, INDArray x) {
        return activation.toDl4j().backprop(x.dup(), Nd4j.onesLike(x)).getFirst();
    }

    static void plot(Path png) throws IOException {
        INDArray x = Nd4j.linspace(-10, 10, 401).castTo(DataType.FLOAT);
        XYChart values =
                new XYChartBuilder().title("Activation").xAxisTitle("x").build();
        XYChart derivatives =
                new XYChartBuilder().title("Derivative").xAxisTitle("x").build();
        values.getStyler().setYAxisMin(-2.0).setYAxisMax(5.0);
        int i = 0;
        for (var entry : PLOTTED.entrySet()) {
            Color colour = COLOURS[i++];
            series(values, entry.getKey(), x, value(entry.getValue(), x), colour);
            series(derivatives, entry.getKey(), x, derivative(entry.getValue(), x), colour);
        }
        Charts.savePng(png, List.of(values, derivatives), 700, 500);
    }

    private static void series(XYChart chart, String name, INDArray x, INDArray y, Color colour) {
        XYSeries series = chart.addSeries(name, x.toDoubleVector(), y.toDoubleVector());
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(colour);
    }

    public static void main(String[] args) throws Exception {
        Path png = Path.of(Args.parse(args).value("out", "activations.png"));
        plot(png);
        INDArray at = Nd4j.create(new float[] {-2, 0, 2});
        List<String> lines = new ArrayList<>();
        for (var entry : PLOTTED.entrySet()) {
            lines.add(String.format(
                    "%-17s f(-2, 0, 2) = %s   f'(-2, 0, 2) = %s",
                    entry.getKey(), value(entry.getValue(), at), derivative(entry.getValue(), at)));
        }
        lines.forEach(System.out::println);
        System.out.println("plot written to " + png.toAbsolutePath());
    }
}
