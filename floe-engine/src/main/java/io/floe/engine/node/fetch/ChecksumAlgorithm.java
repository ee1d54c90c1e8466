package io.floe.engine.node.fetch;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The digests a {@code fetch} can check a download against ({@code checksum-algo}). */
enum ChecksumAlgorithm {
    SHA256("sha256", "SHA-256"),
    SHA1("sha1", "SHA-1"),
    MD5("md5", "MD5"),
    SHA512("sha512", "SHA-512");

    /** The algorithm used when a checksum is given without {@code checksum-algo}. */
    static final ChecksumAlgorithm DEFAULT = SHA256;

    private final String option;
    private final String jcaName;

    ChecksumAlgorithm(String option, String jcaName) {
        this.option = option;
        this.jcaName = jcaName;
    }

    /** The algorithm called {@code name} in a config (case and surrounding blanks ignored). */
    static Optional<ChecksumAlgorithm> named(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(a -> a.option.equals(n)).findFirst();
    }

    /** The names a config may use, for error messages. */
    static String known() {
        return Arrays.stream(values()).map(a -> a.option).collect(Collectors.joining(", "));
    }

    /** The name as written in a config. */
    String option() {
        return option;
    }

    MessageDigest digest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            // every Java platform must provide these four
            throw new IllegalStateException("this Java runtime has no " + jcaName, e);
        }
    }

    /** The digest length in hex digits. */
    int hexLength() {
        return digest().getDigestLength() * 2;
    }
}
