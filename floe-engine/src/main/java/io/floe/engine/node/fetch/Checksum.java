package io.floe.engine.node.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The digest a download must have ({@code checksum} and {@code checksum-algo} opts, floe-spec §4.6).
 *
 * @param hex the expected digest, lower-case hex
 */
record Checksum(ChecksumAlgorithm algorithm, String hex) {

    /**
     * Reads the opts. The checksum may be written as {@code sha256sum} prints it, {@code <hex> <file name>}: only the
     * part before the first space counts.
     *
     * @param value     the {@code checksum} option, not empty
     * @param algorithm the {@code checksum-algo} option; empty means sha256
     * @throws FetchException for an unknown algorithm, a value that is not hex ({@code Error decoding hex checksum:
     *                        <value>}, as the original said) or hex of the wrong length for the algorithm
     */
    static Checksum parse(String value, String algorithm) throws FetchException {
        ChecksumAlgorithm algo = ChecksumAlgorithm.DEFAULT;
        if (!algorithm.isBlank()) {
            algo = ChecksumAlgorithm.named(algorithm).orElseThrow(() -> new FetchException(
                    "unknown checksum-algo '" + algorithm + "': use one of " + ChecksumAlgorithm.known()));
        }
        String trimmed = value.trim();
        int space = trimmed.indexOf(' ');
        String hex = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
        try {
            HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new FetchException("Error decoding hex checksum: " + value);
        }
        if (hex.length() != algo.hexLength()) {
            throw new FetchException("checksum " + hex + " has " + hex.length() + " hex digits but a "
                    + algo.option() + " digest has " + algo.hexLength() + ": check the checksum and checksum-algo");
        }
        return new Checksum(algo, hex);
    }

    /** The digest of {@code file} with this checksum's algorithm, as lower-case hex. */
    String digestOf(Path file) throws IOException {
        MessageDigest md = algorithm.digest();
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    boolean matches(Path file) throws IOException {
        return hex.equals(digestOf(file));
    }
}
