package org.dendrite.plots;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.dendrite.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keras's plot_model, drawn by Dendrite: every layer with its kind and output shape, an arrow per connection. */
class DiagramTest {

    @TempDir
    Path dir;

    private static long count(String text, String pattern) {
        return Pattern.compile(pattern).matcher(text).results().count();
    }

    @Test
    void aSequentialCnnIsAColumnOfItsLayersWithTheirShapes() throws IOException {
        Model cnn = Sequential()
                .input(28, 28, 1)
                .conv2d(32, 3, RELU)
                .maxPool(2)
                .flatten()
                .dense(10, SOFTMAX)
                .compile(adam, crossEntropy);
        Path svg = dir.resolve("cnn.svg");
        cnn.plot(svg);
        String text = Files.readString(svg);
        for (String box : new String[] {
            "input_layer (InputLayer)", "(None, 28, 28, 1)",
            "conv2d (Conv2D)", "(None, 26, 26, 32)",
            "max_pooling2d (MaxPooling2D)", "(None, 13, 13, 32)",
            "flatten (Flatten)", "(None, 5408)",
            "dense (Dense)", "(None, 10)"
        }) {
            assertTrue(text.contains(">" + box + "<"), box + " missing from the diagram");
        }
        assertEquals(5, count(text, "<g><rect"), "a box per layer and the input");
        assertEquals(4, count(text, "<polyline "), "an arrow between each pair of consecutive layers");
    }

    @Test
    void aResidualGraphShowsItsBranchAndMerge() throws IOException {
        var image = Input(8, 8, 1);
        var x = image.conv2d(4, 3, RELU, SAME);
        var y = x.conv2d(4, 3, RELU, SAME);
        Model model = Model(image, add(x, y).flatten().dense(2, SOFTMAX)).compile(adam, crossEntropy);
        String svg = Files.readString(save(model, "residual.svg"));
        // input → conv2d, conv2d → conv2d_1, conv2d → add, conv2d_1 → add, add → flatten, flatten → dense.
        assertEquals(6, count(svg, "<polyline "));
        assertTrue(svg.contains(">add (Add)<"));
        assertEquals(
                1,
                count(svg, "<polyline points=\"[^\" ]+ [^\" ]+ [^\" ]+ [^\" ]+ [^\" ]+\""),
                "the skip connection goes around conv2d_1");

        var png = ImageIO.read(save(model, "residual.png").toFile());
        assertTrue(png.getWidth() > 100 && png.getHeight() > 5 * 44, png.getWidth() + "×" + png.getHeight());
        int ink = 0;
        for (int px = 0; px < png.getWidth(); px++) {
            for (int py = 0; py < png.getHeight(); py++) {
                ink += (png.getRGB(px, py) & 0xffffff) != 0xffffff ? 1 : 0;
            }
        }
        assertTrue(ink > 1000, "the PNG is drawn, not blank: " + ink + " coloured pixels");
        assertThrows(IllegalArgumentException.class, () -> model.plot(dir.resolve("model.pdf")));
    }

    private Path save(Model model, String name) throws IOException {
        Path file = dir.resolve(name);
        model.plot(file);
        return file;
    }
}
