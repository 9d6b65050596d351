package org.nnft.gpu.cuda;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The compiler flags shared by NVRTC and nvcc. Floating point follows the portable dialect: no FMA
 * contraction ({@code --fmad=false}), no flush of denormals, IEEE-rounded division and square root,
 * so {@code a*b+c} rounds twice as in Java and OpenCL. {@code -default-device} is not used: the
 * dialect marks every helper {@code DEVICE} and nvcc has no such flag, so both paths see the same rules.
 */
final class CudaCompileOptions {
    private CudaCompileOptions() {
    }

    /** Flags common to both compilers. */
    static List<String> floatingPoint() {
        return List.of("--fmad=false", "--ftz=false", "--prec-div=true", "--prec-sqrt=true");
    }

    /** The virtual architecture flag for {@code arch} (major*10+minor). */
    static String archFlag(int arch) {
        return "-arch=compute_" + arch;
    }

    /** Options passed to {@code nvrtcCompileProgram}. */
    static List<String> nvrtc(int arch) {
        List<String> out = new ArrayList<>(floatingPoint());
        out.add(archFlag(arch));
        return out;
    }

    /** The command line of {@code nvcc} compiling {@code input} to PTX at {@code output}. */
    static List<String> nvcc(Path nvcc, int arch, Path input, Path output) {
        List<String> out = new ArrayList<>();
        out.add(nvcc.toString());
        out.add("-ptx");
        out.addAll(floatingPoint());
        out.add(archFlag(arch));
        out.add("-o");
        out.add(output.toString());
        out.add(input.toString());
        return out;
    }

    /**
     * The architecture to compile for: the largest of {@code supported} not above the device's
     * {@code deviceArch} (the driver JIT-compiles PTX of an older virtual architecture for a newer
     * device), or {@code deviceArch} itself when {@code supported} is empty or all above it.
     */
    static int chooseArch(int deviceArch, int[] supported) {
        int best = -1;
        for (int a : supported) {
            if (a <= deviceArch && a > best) {
                best = a;
            }
        }
        return best > 0 ? best : deviceArch;
    }
}
