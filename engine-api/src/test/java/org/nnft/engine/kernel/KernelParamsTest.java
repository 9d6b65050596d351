package org.nnft.engine.kernel;

import org.junit.jupiter.api.Test;
import org.nnft.engine.EngineException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parameter declaration, the launch arguments set by name, and the C parameter list comparison. */
class KernelParamsTest {
    private static final String SOURCE = "DEVICE double helper(double x) { return x; }\n"
            + "KERNEL void k(GLOBAL double* out, GLOBAL const int* idx, int n, i64 seed, double scale) {}\n";

    private static final class Declared {
        final KernelParams params = new KernelParams();
        final Param.F64Buffer out = params.f64Buffer("out");
        final Param.I32Buffer idx = params.i32Buffer("idx");
        final Param.I32 n = params.i32("n");
        final Param.I64 seed = params.i64("seed");
        final Param.F64 scale = params.f64("scale");
    }

    @Test
    void theSignatureAndTheIndicesFollowTheDeclarationOrder() {
        Declared d = new Declared();
        Kernel k = Kernel.of("k", SOURCE, (args, from, to) -> { }, d.params);
        assertEquals(List.of(ArgType.F64_BUFFER, ArgType.I32_BUFFER, ArgType.INT, ArgType.LONG, ArgType.DOUBLE),
                k.signature());
        assertEquals(3, d.seed.index());
        assertTrue(assertThrows(IllegalStateException.class, () -> d.params.i32("late")).getMessage()
                .contains("after the kernel"));
        assertThrows(IllegalArgumentException.class, () -> new KernelParams().i32("not an identifier"));
    }

    @Test
    void anUnsetArgumentIsRejectedAtLaunchByName() {
        Declared d = new Declared();
        Kernel k = Kernel.of("k", SOURCE, (args, from, to) -> { }, d.params);
        KernelArgs args = d.params.args().set(d.n, 3).set(d.seed, 7L).set(d.scale, 0.5);
        assertEquals(Integer.valueOf(3), args.value(2));
        assertTrue(assertThrows(EngineException.class, () -> k.check(args)).getMessage().contains("(out) not set"));
        assertThrows(IllegalArgumentException.class, () -> args.set(new Declared().n, 1));
        assertThrows(IllegalStateException.class, () -> args.i32(1));
    }

    @Test
    void theCParametersMatchTheDeclaration() {
        Kernel k = Kernel.of("k", SOURCE, (args, from, to) -> { }, new Declared().params);
        assertEquals(List.of(new CParameters.Parameter(ArgType.F64_BUFFER, "out"),
                new CParameters.Parameter(ArgType.I32_BUFFER, "idx"), new CParameters.Parameter(ArgType.INT, "n"),
                new CParameters.Parameter(ArgType.LONG, "seed"), new CParameters.Parameter(ArgType.DOUBLE, "scale")),
                CParameters.of(SOURCE, "k"));
        assertNull(CParameters.mismatch(k));
    }

    @Test
    void aSwappedPairOfParametersIsAMismatch() {
        String swapped = SOURCE.replace("int n, i64 seed", "i64 seed, int n");
        Kernel k = Kernel.of("k", swapped, (args, from, to) -> { }, new Declared().params);
        assertEquals("k: parameter 2 is seed:LONG in C, n:INT in Java", CParameters.mismatch(k));
        String renamed = SOURCE.replace("double scale", "double factor");
        assertEquals("k: parameter 4 is factor:DOUBLE in C, scale:DOUBLE in Java",
                CParameters.mismatch(Kernel.of("k", renamed, (args, from, to) -> { }, new Declared().params)));
        String shorter = SOURCE.replace(", double scale", "");
        assertEquals("k: parameter 4 is null in C, scale:DOUBLE in Java",
                CParameters.mismatch(Kernel.of("k", shorter, (args, from, to) -> { }, new Declared().params)));
    }

    @Test
    void aMacroEntryPointIsFoundThroughItsDefine() {
        String src = "#define ENTRY my_kernel\n" + SOURCE.replace("void k(", "void ENTRY(");
        assertEquals(5, CParameters.of(src, "my_kernel").size());
        assertThrows(IllegalArgumentException.class, () -> CParameters.of(src, "other"));
    }

    /** A parameter type that is a macro takes its first definition (a prefix before an #ifndef default). */
    @Test
    void aMacroRealTypeTakesItsFirstDefinition() {
        String body = "#ifndef REAL\n#define REAL double\n#endif\n"
                + "KERNEL void k(GLOBAL REAL* out, GLOBAL const int* idx, int n, i64 seed, REAL scale) {}\n";
        assertEquals(List.of(new CParameters.Parameter(ArgType.F64_BUFFER, "out"),
                new CParameters.Parameter(ArgType.I32_BUFFER, "idx"), new CParameters.Parameter(ArgType.INT, "n"),
                new CParameters.Parameter(ArgType.LONG, "seed"), new CParameters.Parameter(ArgType.DOUBLE, "scale")),
                CParameters.of(body, "k"));
        List<CParameters.Parameter> single = CParameters.of("#define REAL float\n" + body, "k");
        assertEquals(new CParameters.Parameter(ArgType.F32_BUFFER, "out"), single.get(0));
        assertEquals(new CParameters.Parameter(ArgType.FLOAT, "scale"), single.get(4));
    }
}
