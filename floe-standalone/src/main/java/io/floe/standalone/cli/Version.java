package io.floe.standalone.cli;

/** The version from the jar's manifest (or "dev" when run from classes). */
public final class Version {
    private Version() {}

    public static String text() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
