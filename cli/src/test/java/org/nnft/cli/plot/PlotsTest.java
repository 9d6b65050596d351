package org.nnft.cli.plot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnft.cli.io.OutputSet;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plots never fail on valid results, and long series are thinned for drawing. */
class PlotsTest {
    @TempDir
    Path dir;

    @Test
    void aLogLogPlotTakesErrorBarsReachingZeroAndValuesAtZero() {
        Path png = dir.resolve("m4.png");
        try (OutputSet set = new OutputSet()) {
            // m_4 at N = 64 was 0.022 +- 0.023: XChart refused the whole plot ("cannot be less or equal to zero")
            Plots.logLog(set, png, "m_4", "N", "m_4", new double[]{2, 4, 64, 128}, new double[]{1.6, 0.8, 0.022, 0},
                    new double[]{0.2, 0.1, 0.023, 0.01}, -1.0, 3.2);
            set.commit();
        }
        assertTrue(Files.isRegularFile(png));
        LogErrorBars bars = LogErrorBars.of(new double[]{2, 64, 128}, new double[]{1.6, 0.022, 0},
                new double[]{0.2, 0.023, 0.01});
        assertEquals(1, bars.dropped());
        assertEquals(1, bars.clipped());
        assertTrue(bars.low()[1] > 0 && bars.high()[1] == 0.022 + 0.023);
    }

    @Test
    void longSeriesAreDrawnAsAFewThousandBlockMeans() {
        double[] y = new double[300_001];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 2;
        }
        Thinning.Series s = Thinning.of(y);
        assertTrue(s.x().length <= Thinning.MAX_POINTS, "points " + s.x().length);
        assertEquals(0.5, s.y()[0], 0.01);
        assertEquals(y.length - 1, s.x()[s.x().length - 1], s.block(), "the last block ends the series");
        assertEquals(0, s.x()[0]);
        assertEquals(1, Thinning.of(new double[]{1, 2, 3}).block(), "short series unchanged");
    }
}
