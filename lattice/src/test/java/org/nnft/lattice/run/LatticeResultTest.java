package org.nnft.lattice.run;

import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.Backends;
import org.nnft.lattice.action.HomogeneousTheory;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The typed accessors of {@link LatticeRun.Result} are its named observables; an unknown name is refused. */
class LatticeResultTest {

    @Test
    void typedAccessorsAreTheNamedObservables() {
        LatticeRun.Config c = LatticeRun.Config.builder(2, 4, HomogeneousTheory.fromMassAndLambda(2, -1.0, 0.7))
                .sweeps(20).thermalize(2).build();
        try (Backend cpu = Backends.named("cpu")) {
            LatticeRun.Result r = LatticeRun.run(c, cpu, LatticeRun.Options.NONE);
            assertSame(r.observables().get("binder"), r.binder());
            assertSame(r.observables().get("chi"), r.susceptibility());
            assertSame(r.observables().get("absM"), r.absMagnetisation());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.observable("magnet"));
            assertTrue(e.getMessage().contains("binder"), e.getMessage());
        }
    }
}
