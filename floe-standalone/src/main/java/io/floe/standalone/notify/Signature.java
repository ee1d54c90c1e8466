package io.floe.standalone.notify;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The header a receiver checks a notice by, as GitHub signs its webhooks: {@code X-Floe-Signature: sha256=<hex>},
 * the HMAC-SHA256 of the exact body bytes under the shared secret.
 */
public final class Signature {
    public static final String HEADER = "X-Floe-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    private Signature() {}

    public static String of(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            return "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("the JVM can not compute " + ALGORITHM, e);
        }
    }
}
