package org.nnft.cli;

import picocli.CommandLine;

/** The engine version, from the jar manifest when packaged. */
public final class Version implements CommandLine.IVersionProvider {
    /** Engine version string for provenance. */
    public static String engine() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT";
    }

    @Override
    public String[] getVersion() {
        return new String[]{"nnft " + engine() + " (Java " + Runtime.version() + ")"};
    }
}
