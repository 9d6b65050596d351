package org.nnft.examples;

import org.nnft.engine.Backend;
import org.nnft.engine.Backends;
import org.nnft.engine.io.JsonWriter;
import org.nnft.ensemble.Correlator;
import org.nnft.ensemble.EnsembleConfig;
import org.nnft.ensemble.EnsembleResult;
import org.nnft.ensemble.EnsembleRun;
import org.nnft.ensemble.WidthScan;
import org.nnft.ensemble.arch.CosNet;
import org.nnft.ensemble.deform.DeformedResult;
import org.nnft.ensemble.deform.DeformedRun;
import org.nnft.ensemble.deform.Deformation;
import org.nnft.ensemble.deform.IntegrationBox;
import org.nnft.ensemble.deform.Potential;
import org.nnft.lattice.action.HomogeneousTheory;
import org.nnft.lattice.measure.Estimate;
import org.nnft.lattice.run.LatticeRun;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The code blocks of the README's "Use from Java" section, verbatim between the markers, so that they are compiled
 * with the tests (never run here: the examples and their tests run the same calls at small sizes).
 */
final class ReadmeSnippets {
    private ReadmeSnippets() {
    }

    static void ensemble() {
        // README ensemble begin
        CosNet net = CosNet.freeScalar(1, 1.0, 2.0, 1.0, 100);   // d = 1, m = 1, Lambda = 2, sigma_a = 1, width 100
        EnsembleConfig config = EnsembleConfig.builder(net, new double[][]{{0.0}, {0.5}})
                .maxOrder(4).networks(100_000_000L).seed(1).build();
        try (Backend backend = Backends.best()) {                  // a GPU where one works, else the CPU
            EnsembleResult result = EnsembleRun.sample(config, backend,
                    (done, total) -> System.out.println(done + " / " + total + " networks"), null);
            Correlator g4 = result.atPoints(0, 0, 1, 1);          // connected(), connectedError(), theory(), pull()
            JsonWriter.write(Path.of("ensemble.json"), Map.of("G4c", g4, "provenance", result.provenance()));
        }
        // README ensemble end
    }

    static void deformed() {
        // README deformed begin
        CosNet net = CosNet.freeScalar(1, 1.0, 2.0, 1.0, 300);
        Deformation phi4 = new Deformation(Potential.phi4(0.2), IntegrationBox.cube(1, 3.0, 24));
        EnsembleConfig config = EnsembleConfig.builder(net, new double[][]{{0.0}, {0.5}})
                .maxOrder(4).networks(1_000_000).build();
        try (Backend backend = Backends.named("cpu")) {
            DeformedResult deformed = DeformedRun.reweight(config, phi4, backend, null, null);
            Correlator g4 = deformed.firstOrder(0, 0, 1, 1);   // theory(): free G4c + FirstOrderShift
            double pull = g4.pull();                           // O(lambda^2) left over
        }
        // README deformed end
    }

    static void widths() {
        // README widths begin
        double[][] points = {{0.0}, {0.5}};
        try (Backend backend = Backends.best()) {
            WidthScan.Result scan = WidthScan.run(n -> EnsembleConfig.builder(
                            CosNet.freeScalar(1, 1.0, 2.0, 1.0, n), points).maxOrder(4).networks(1_000_000).build(),
                    List.of(10, 20, 40, 80), backend, null, null);
            double slope = scan.fits().get(0).fit().slope();      // m_4 ~ N^slope, exact -1
        }
        // README widths end
    }

    static void lattice() {
        // README lattice begin
        try (Backend backend = Backends.best()) {
            for (double mu2 : List.of(-1.3, -1.1, -0.95, -0.8)) {
                LatticeRun.Config config = LatticeRun.Config.builder(2, 16,
                        HomogeneousTheory.fromMassAndLambda(2, mu2, 0.7)).sweeps(2000).build();
                LatticeRun.Result r = LatticeRun.run(config, backend, LatticeRun.Options.NONE);
                Estimate binder = r.binder();   // value(), error(), tauInt(); also r.observable("phi2"), ...
            }
        }
        // README lattice end
    }
}
