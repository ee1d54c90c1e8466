package io.floe.standalone.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted password hashes for the config's users, PBKDF2 with HMAC-SHA256, written
 * {@code pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>}. {@code floe hash-password} makes one.
 */
public final class PasswordHash {
    private static final String PREFIX = "pbkdf2-sha256";
    private static final int ITERATIONS = 210_000;
    /**
     * A well-formed hash no password matches, as costly as a real one: a login for an unknown user is checked against
     * it, so both answers take the same time and do not tell which names exist.
     */
    public static final String DUMMY = PREFIX + "$" + ITERATIONS + "$" + "A".repeat(22) + "$" + "A".repeat(43);

    private PasswordHash() {}

    public static String hash(char[] password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        byte[] h = derive(password, salt, ITERATIONS);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(h);
    }

    /** Whether {@code password} matches {@code stored}; false for a malformed hash. Constant time in the hash. */
    public static boolean matches(char[] password, String stored) {
        String[] p = stored == null ? new String[0] : stored.split("\\$");
        if (p.length != 4 || !PREFIX.equals(p[0])) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(p[1]);
            byte[] salt = Base64.getDecoder().decode(p[2]);
            byte[] expected = Base64.getDecoder().decode(p[3]);
            return MessageDigest.isEqual(expected, derive(password, salt, iterations));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether {@code stored} has the form this class writes (for config checks). */
    public static boolean wellFormed(String stored) {
        String[] p = stored == null ? new String[0] : stored.split("\\$");
        try {
            return p.length == 4 && PREFIX.equals(p[0]) && Integer.parseInt(p[1]) > 0
                    && Base64.getDecoder().decode(p[2]).length > 0 && Base64.getDecoder().decode(p[3]).length > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JVM", e);
        }
    }
}
