package org.dendrite.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.dendrite.io.AtomicFiles;

/**
 * A model drawn as Keras's {@code plot_model} draws it: a box per layer (its name and kind, then its
 * output shape), an arrow from each layer to each layer that takes it, layers ranked top to bottom
 * by how many layers lie between them and the inputs. Laid out here and written as SVG or PNG,
 * atomically: no Graphviz.
 */
public final class Diagram {

    private static final double CHAR = 7.3; // the width of a character of 12 px monospace
    private static final int HEIGHT = 44;
    private static final int ROW_GAP = 36;
    private static final int GAP = 24;
    private static final int MARGIN = 20;

    /**
     * One box.
     *
     * @param title    e.g. {@code dense_1 (Dense)}
     * @param subtitle e.g. {@code (None, 8)}
     * @param from     the indices of the boxes whose arrows lead here, each lower than this box's
     */
    public record Box(String title, String subtitle, List<Integer> from) {
        public Box {
            from = List.copyOf(from);
        }
    }

    /** A box placed: top-left corner and width. */
    private record Placed(double x, double y, double width) {}

    private final List<Box> boxes;
    private final List<Placed> placed = new ArrayList<>();
    /** Each arrow's points, from its source to its target (two for neighbouring ranks, four around the boxes between for a skip). */
    private final List<double[]> arrows = new ArrayList<>();

    private final double width;
    private final double height;

    public Diagram(List<Box> boxes) {
        this.boxes = List.copyOf(boxes);
        int[] rank = new int[boxes.size()];
        int ranks = 0;
        for (int i = 0; i < boxes.size(); i++) {
            for (int j : boxes.get(i).from()) {
                if (j >= i || j < 0) {
                    throw new IllegalArgumentException(
                            "box " + i + " takes box " + j + ", which does not come before it");
                }
                rank[i] = Math.max(rank[i], rank[j] + 1);
            }
            ranks = Math.max(ranks, rank[i] + 1);
        }
        double[] rowWidth = new double[ranks];
        double[] boxWidth = new double[boxes.size()];
        for (int i = 0; i < boxes.size(); i++) {
            Box b = boxes.get(i);
            boxWidth[i] =
                    Math.max(120, Math.max(b.title().length(), b.subtitle().length()) * CHAR + 24);
            rowWidth[rank[i]] += boxWidth[i] + (rowWidth[rank[i]] == 0 ? 0 : GAP);
        }
        double widest = 0;
        for (double w : rowWidth) {
            widest = Math.max(widest, w);
        }
        double[] next = new double[ranks];
        for (int r = 0; r < ranks; r++) {
            next[r] = MARGIN + (widest - rowWidth[r]) / 2;
        }
        for (int i = 0; i < boxes.size(); i++) {
            placed.add(new Placed(next[rank[i]], MARGIN + rank[i] * (HEIGHT + ROW_GAP), boxWidth[i]));
            next[rank[i]] += boxWidth[i] + GAP;
        }
        double right = widest + MARGIN;
        int skips = 0;
        for (int i = 0; i < boxes.size(); i++) {
            for (int j : boxes.get(i).from()) {
                Placed a = placed.get(j);
                Placed b = placed.get(i);
                if (rank[i] - rank[j] == 1) {
                    arrows.add(new double[] {a.x() + a.width() / 2, a.y() + HEIGHT, b.x() + b.width() / 2, b.y()});
                    continue;
                }
                // A skip (a residual connection): down from the source, out to the right of every box it passes, back
                // in.
                double side = 0;
                for (int k = 0; k < boxes.size(); k++) {
                    if (rank[k] >= rank[j] && rank[k] <= rank[i]) {
                        side = Math.max(side, placed.get(k).x() + placed.get(k).width());
                    }
                }
                side += 16 + 10 * skips++;
                right = Math.max(right, side);
                double below = a.y() + HEIGHT + ROW_GAP / 2.0; // between the source's rank and the next
                double y2 = b.y() + HEIGHT / 2.0;
                double x1 = a.x() + a.width() / 2;
                arrows.add(new double[] {x1, a.y() + HEIGHT, x1, below, side, below, side, y2, b.x() + b.width(), y2});
            }
        }
        this.width = right + MARGIN;
        this.height = ranks * (HEIGHT + ROW_GAP) - ROW_GAP + 2 * MARGIN;
    }

    /** Writes the diagram as SVG ({@code .svg}) or PNG ({@code .png}), chosen by the file's extension. */
    public void save(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".svg")) {
            byte[] svg = svg().getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(file, temp -> Files.write(temp, svg));
        } else if (name.endsWith(".png")) {
            BufferedImage image = png();
            AtomicFiles.write(file, temp -> ImageIO.write(image, "png", temp.toFile()));
        } else {
            throw new IllegalArgumentException(
                    "a diagram is written as .svg or .png, chosen by the file's extension; received " + file);
        }
    }

    /** The diagram as an SVG document. */
    public String svg() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\""
                        + " font-family=\"monospace\" font-size=\"12\">\n",
                width,
                height,
                width,
                height));
        s.append(
                "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\""
                        + " markerHeight=\"8\" orient=\"auto\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#444\"/></marker></defs>\n");
        s.append(String.format(Locale.ROOT, "<rect width=\"%.0f\" height=\"%.0f\" fill=\"white\"/>\n", width, height));
        for (double[] arrow : arrows) {
            StringBuilder points = new StringBuilder();
            for (int k = 0; k < arrow.length; k += 2) {
                points.append(String.format(Locale.ROOT, "%s%.1f,%.1f", k == 0 ? "" : " ", arrow[k], arrow[k + 1]));
            }
            s.append("<polyline points=\"")
                    .append(points)
                    .append("\" fill=\"none\" stroke=\"#444\" marker-end=\"url(#arrow)\"/>\n");
        }
        for (int i = 0; i < boxes.size(); i++) {
            Placed p = placed.get(i);
            Box b = boxes.get(i);
            s.append(String.format(
                    Locale.ROOT,
                    "<g><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" rx=\"6\" fill=\"#eef3fb\" stroke=\"#35587f\"/>"
                            + "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>"
                            + "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#555\">%s</text></g>\n",
                    p.x(),
                    p.y(),
                    p.width(),
                    HEIGHT,
                    p.x() + p.width() / 2,
                    p.y() + 18,
                    xml(b.title()),
                    p.x() + p.width() / 2,
                    p.y() + 35,
                    xml(b.subtitle())));
        }
        return s.append("</svg>\n").toString();
    }

    /** The diagram drawn with Java 2D, as the SVG draws it. */
    public BufferedImage png() {
        BufferedImage image =
                new BufferedImage((int) Math.ceil(width), (int) Math.ceil(height), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 12));
        g.setColor(new Color(0x44, 0x44, 0x44));
        g.setStroke(new BasicStroke(1));
        for (double[] e : arrows) {
            Path2D line = new Path2D.Double();
            line.moveTo(e[0], e[1]);
            for (int k = 2; k < e.length; k += 2) {
                line.lineTo(e[k], e[k + 1]);
            }
            g.draw(line);
            int n = e.length;
            double angle = Math.atan2(e[n - 1] - e[n - 3], e[n - 2] - e[n - 4]);
            Path2D head = new Path2D.Double();
            head.moveTo(e[n - 2], e[n - 1]);
            head.lineTo(e[n - 2] - 8 * Math.cos(angle - 0.4), e[n - 1] - 8 * Math.sin(angle - 0.4));
            head.lineTo(e[n - 2] - 8 * Math.cos(angle + 0.4), e[n - 1] - 8 * Math.sin(angle + 0.4));
            head.closePath();
            g.fill(head);
        }
        for (int i = 0; i < boxes.size(); i++) {
            Placed p = placed.get(i);
            var shape = new RoundRectangle2D.Double(p.x(), p.y(), p.width(), HEIGHT, 12, 12);
            g.setColor(new Color(0xee, 0xf3, 0xfb));
            g.fill(shape);
            g.setColor(new Color(0x35, 0x58, 0x7f));
            g.draw(shape);
            centred(g, boxes.get(i).title(), p, 18, Color.BLACK);
            centred(g, boxes.get(i).subtitle(), p, 35, new Color(0x55, 0x55, 0x55));
        }
        g.dispose();
        return image;
    }

    private static void centred(Graphics2D g, String text, Placed p, int baseline, Color color) {
        g.setColor(color);
        int w = g.getFontMetrics().stringWidth(text);
        g.drawString(text, (float) (p.x() + (p.width() - w) / 2), (float) (p.y() + baseline));
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
