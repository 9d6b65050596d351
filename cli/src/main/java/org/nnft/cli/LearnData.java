package org.nnft.cli;

import org.nnft.cli.io.PngImages;
import org.nnft.engine.io.NpyFile;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * The configurations of {@code nnft learn --data PATH}: a .npy array {@code [samples, d1, ..., dk]} (float64 or
 * float32), or greyscale PNG images (one file, or a folder of same-size files; {@link PngImages}) with
 * intensity I in 0..255 mapped to {@code phi = (2 I / 255 - 1) * scale} (so black is -scale, white +scale), or for
 * Bernoulli units to {@code 1 if I >= 128 else 0}. Rows are row-major configurations; {@code shape} is the array's
 * shape without the sample axis ({@code [height, width]} for images).
 *
 * @param shape  the shape of one configuration
 * @param rows   the configurations
 * @param image  whether they came from PNG images
 * @param scale  the pixel scale (images only)
 * @param binary whether intensities were thresholded (Bernoulli)
 * @param min    the smallest value of the data (for the PNG of samples of .npy data)
 * @param max    the largest value
 */
record LearnData(int[] shape, double[][] rows, boolean image, double scale, boolean binary, double min,
                 double max) {
    /** Reads {@code path}; {@code binary} thresholds image intensities for Bernoulli units. */
    static LearnData read(Path path, double scale, boolean binary) {
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("--pixel-scale must be positive and finite, got " + scale);
        }
        if (PngImages.isImageInput(path)) {
            PngImages.Images im = PngImages.read(path, "--data");
            double[][] rows = new double[im.pixels().length][];
            for (int n = 0; n < rows.length; n++) {
                rows[n] = new double[im.pixels()[n].length];
                for (int k = 0; k < rows[n].length; k++) {
                    rows[n][k] = binary ? bit(im.pixels()[n][k]) : phi(im.pixels()[n][k], scale);
                }
            }
            return of(new int[]{im.height(), im.width()}, rows, true, scale, binary);
        }
        NpyFile.Array arr;
        try {
            arr = NpyFile.read(path);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--data: " + e.getMessage());
        }
        int[] full = arr.shape();
        if (full.length < 2 || full[0] < 1) {
            throw new IllegalArgumentException("--data " + path + ": need shape [samples, ...] with at least one"
                    + " sample and one axis per configuration, got " + Arrays.toString(full));
        }
        int[] shape = Arrays.copyOfRange(full, 1, full.length);
        int v = 1;
        for (int d : shape) {
            v *= d;
        }
        if (v < 1) {
            throw new IllegalArgumentException("--data " + path + ": empty configurations, shape "
                    + Arrays.toString(full));
        }
        double[][] rows = new double[full[0]][];
        for (int n = 0; n < rows.length; n++) {
            rows[n] = Arrays.copyOfRange(arr.values(), n * v, (n + 1) * v);
            for (double x : rows[n]) {
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException("--data " + path + ": values must be finite, got " + x);
                }
                if (binary && x != 0 && x != 1) {
                    throw new IllegalArgumentException("--data " + path + ": Bernoulli visible units need values 0"
                            + " or 1, got " + x);
                }
            }
        }
        return of(shape, rows, false, scale, binary);
    }

    private static LearnData of(int[] shape, double[][] rows, boolean image, double scale, boolean binary) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : rows) {
            for (double x : row) {
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
        }
        return new LearnData(shape, rows, image, scale, binary, min, max);
    }

    /** {@code (2 I / 255 - 1) * scale}. */
    static double phi(int intensity, double scale) {
        return (2.0 * intensity / 255.0 - 1.0) * scale;
    }

    /** {@code 1 if I >= 128 else 0}. */
    static double bit(int intensity) {
        return intensity >= 128 ? 1 : 0;
    }

    /**
     * The intensity of a value: for images the inverse of the mapping, rounded and clamped ({@code 255 x} for
     * Bernoulli); for .npy data the range [min, max] of the data spread linearly over 0..255.
     */
    int intensity(double x) {
        double unit;
        if (binary) {
            unit = x;
        } else if (image) {
            unit = (x / scale + 1) / 2;
        } else {
            unit = max > min ? (x - min) / (max - min) : 0.5;
        }
        return (int) Math.clamp(Math.round(255 * unit), 0, 255);
    }

    /** Number of values per configuration. */
    int volume() {
        return rows[0].length;
    }
}
