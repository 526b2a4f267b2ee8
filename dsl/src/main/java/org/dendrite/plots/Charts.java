package org.dendrite.plots;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.dendrite.io.AtomicFiles;
import org.knowm.xchart.internal.chartpart.Chart;

/** Writes XChart charts side by side into one PNG, atomically: the one place plots reach the disk. */
public final class Charts {

    private Charts() {}

    /** Draws {@code charts} left to right, each {@code width} × {@code height} pixels, into {@code png}. */
    public static void savePng(Path png, List<? extends Chart<?, ?>> charts, int width, int height) throws IOException {
        var image = new BufferedImage(width * charts.size(), height, BufferedImage.TYPE_INT_RGB);
        var graphics = image.createGraphics();
        for (int i = 0; i < charts.size(); i++) {
            graphics.translate(i == 0 ? 0 : width, 0);
            charts.get(i).paint(graphics, width, height);
        }
        graphics.dispose();
        AtomicFiles.write(png, temp -> ImageIO.write(image, "png", temp.toFile()));
    }
}
