package io.floe.standalone.cli;

import picocli.CommandLine;

/** The version from the jar's manifest (or "dev" when run from classes). */
public final class Version implements CommandLine.IVersionProvider {
    public static String text() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"floe " + text()};
    }
}
