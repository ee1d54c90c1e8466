package io.floe.standalone.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 signatures of webhook bodies, and comparisons that take the same time whatever the input. */
final class Signatures {
    private Signatures() {}

    /** The lower-case hex HMAC-SHA256 of {@code body} with {@code secret}, as GitHub and Gitea send it. */
    static String hmacHex(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** Whether {@code given} is the hex signature of {@code body}; case of the hex digits is ignored. */
    static boolean validHex(String secret, byte[] body, String given) {
        return given != null && sameText(hmacHex(secret, body), given.trim().toLowerCase(Locale.ROOT));
    }

    /** Equal texts, compared through their digests so neither content nor length shows in the time taken. */
    static boolean sameText(String expected, String given) {
        if (given == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(expected), sha256(given));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
