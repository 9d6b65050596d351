package org.nnft.cli.io;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Greyscale PNG images as arrays of 8-bit intensities I in 0..255, row-major ({@code I[y * width + x]}, y down).
 * Reading accepts one PNG or a folder of same-size PNGs (its {@code *.png} files in name order); a colour image,
 * an alpha channel, more than 8 bits, a non-PNG or a size that differs from the first is refused with an
 * {@link IllegalArgumentException} naming the file and the option.
 */
public final class PngImages {
    /** Images of one size: {@code pixels[n]} holds image n's intensities. */
    public record Images(int width, int height, int[][] pixels, List<Path> files) {
    }

    private PngImages() {
    }

    /** Whether {@code path} is read as images: a folder or a name ending in .png. */
    public static boolean isImageInput(Path path) {
        return Files.isDirectory(path) || path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png");
    }

    /** The images of {@code path} (a .png file or a folder of them); {@code option} names the input in errors. */
    public static Images read(Path path, String option) {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.list(path)) {
                s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")
                        && Files.isRegularFile(p)).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new IllegalArgumentException(option + " " + path + ": cannot list the folder (" + e.getMessage()
                        + ")");
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException(option + " " + path + ": the folder holds no .png file");
            }
        } else {
            files.add(path);
        }
        int width = -1;
        int height = -1;
        int[][] pixels = new int[files.size()][];
        for (int n = 0; n < files.size(); n++) {
            Path f = files.get(n);
            BufferedImage img = readOne(f, option);
            if (n == 0) {
                width = img.getWidth();
                height = img.getHeight();
            } else if (img.getWidth() != width || img.getHeight() != height) {
                throw new IllegalArgumentException(option + " " + f + ": " + img.getWidth() + "x" + img.getHeight()
                        + " pixels, but " + files.getFirst().getFileName() + " has " + width + "x" + height);
            }
            Raster r = img.getRaster();
            int[] p = new int[width * height];
            r.getSamples(0, 0, width, height, 0, p);
            pixels[n] = p;
        }
        return new Images(width, height, pixels, List.copyOf(files));
    }

    private static BufferedImage readOne(Path f, String option) {
        if (!Files.isRegularFile(f)) {
            throw new IllegalArgumentException(option + " " + f + ": no such file");
        }
        BufferedImage img;
        try {
            img = ImageIO.read(f.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + f + ": not a readable PNG (" + e.getMessage() + ")");
        }
        if (img == null) {
            throw new IllegalArgumentException(option + " " + f + ": not a PNG image");
        }
        var cm = img.getColorModel();
        if (cm.getNumComponents() != 1 || cm.hasAlpha() || img.getRaster().getSampleModel().getSampleSize(0) != 8) {
            throw new IllegalArgumentException(option + " " + f + ": not an 8-bit greyscale PNG ("
                    + cm.getNumComponents() + " components, " + img.getRaster().getSampleModel().getSampleSize(0)
                    + " bits); convert it to greyscale");
        }
        return img;
    }

    /** An 8-bit greyscale image of the given intensities (clamped to 0..255). */
    public static BufferedImage grey(int width, int height, int[] pixels) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = img.getRaster();
        int[] p = new int[pixels.length];
        for (int k = 0; k < p.length; k++) {
            p[k] = Math.clamp(pixels[k], 0, 255);
        }
        r.setSamples(0, 0, width, height, 0, p);
        return img;
    }

    /** Stages a greyscale PNG of the given intensities in {@code set}. */
    public static void write(OutputSet set, Path target, int width, int height, int[] pixels) {
        BufferedImage img = grey(width, height, pixels);
        set.write(target, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new UncheckedIOException(new IOException("no PNG writer"));
            }
        });
    }

    /**
     * Up to {@code columns * rows} images of {@code width x height} side by side in a grid with a one-pixel
     * mid-grey (128) border, each pixel repeated {@code zoom} times in both directions; returns
     * {@code [gridWidth, gridHeight, pixels...]}.
     */
    public static int[] grid(int width, int height, int[][] images, int columns, int zoom) {
        int count = images.length;
        int rows = (count + columns - 1) / columns;
        int cols = Math.min(columns, count);
        int gw = cols * (width * zoom + 1) + 1;
        int gh = rows * (height * zoom + 1) + 1;
        int[] out = new int[2 + gw * gh];
        out[0] = gw;
        out[1] = gh;
        Arrays.fill(out, 2, out.length, 128);
        for (int n = 0; n < count; n++) {
            int x0 = (n % columns) * (width * zoom + 1) + 1;
            int y0 = (n / columns) * (height * zoom + 1) + 1;
            for (int y = 0; y < height * zoom; y++) {
                for (int x = 0; x < width * zoom; x++) {
                    out[2 + (y0 + y) * gw + x0 + x] = images[n][(y / zoom) * width + x / zoom];
                }
            }
        }
        return out;
    }
}
