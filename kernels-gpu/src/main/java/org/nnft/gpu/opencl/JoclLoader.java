package org.nnft.gpu.opencl;

import org.nnft.engine.BackendUnavailableException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Loads JOCL and, through it, the system's OpenCL ICD loader, once per JVM. A failure (no
 * libOpenCL, unsupported platform) is remembered as a one-line reason, so that every later probe
 * gives the same explanation instead of a bare NoClassDefFoundError.
 */
final class JoclLoader {
    /** Where ICD loader runtimes usually live, for the hint when only the versioned library exists. */
    private static final List<String> LIBRARY_DIRS = List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
            "/usr/lib64", "/usr/lib", "/lib/x86_64-linux-gnu", "/usr/local/cuda/lib64", "/opt/rocm/lib");

    private static final String FAILURE = load();

    private JoclLoader() {
    }

    /** Throws BackendUnavailableException with the reason unless JOCL and libOpenCL are loaded. */
    static void require() {
        if (FAILURE != null) {
            throw new BackendUnavailableException(FAILURE);
        }
    }

    private static String load() {
        try {
            Class.forName("org.jocl.CL", true, JoclLoader.class.getClassLoader());
            return null;
        } catch (Throwable t) {
            return explain(t);
        }
    }

    private static String explain(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = "cannot load OpenCL through JOCL (" + root.getClass().getSimpleName() + ": "
                + root.getMessage() + ")";
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            for (String dir : LIBRARY_DIRS) {
                Path versioned = Path.of(dir, "libOpenCL.so.1");
                if (Files.exists(versioned) && !Files.exists(Path.of(dir, "libOpenCL.so"))) {
                    return reason + "; JOCL opens 'libOpenCL.so', but only " + versioned
                            + " is installed: install the ICD loader's development package (e.g. ocl-icd-opencl-dev)"
                            + " or put a link named libOpenCL.so to it in a directory on LD_LIBRARY_PATH";
                }
            }
        }
        return reason;
    }
}
