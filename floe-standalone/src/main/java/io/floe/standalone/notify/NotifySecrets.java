package io.floe.standalone.notify;

import io.floe.engine.config.NotifyTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a receiver's signing secret from where the config says, at each notice, so a rotated secret is used without
 * a restart. The secret itself is never logged: errors name only the variable or the file.
 */
final class NotifySecrets {
    private final Map<String, String> env;

    NotifySecrets(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The secret's bytes; an empty array for an unsigned receiver. */
    byte[] of(NotifyTarget t) throws MissingSecret {
        if (!t.secretEnv().isEmpty()) {
            String v = env.get(t.secretEnv());
            if (v == null || v.isEmpty()) {
                throw new MissingSecret("the environment variable " + t.secretEnv() + " named by secret-env is not "
                        + "set; set it in the host's environment");
            }
            return v.getBytes(StandardCharsets.UTF_8);
        }
        if (!t.secretFile().isEmpty()) {
            try {
                String v = Files.readString(Path.of(t.secretFile()), StandardCharsets.UTF_8).strip();
                if (v.isEmpty()) {
                    throw new MissingSecret("the secret-file " + t.secretFile() + " is empty");
                }
                return v.getBytes(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new MissingSecret("can not read the secret-file " + t.secretFile() + ": " + e);
            }
        }
        return new byte[0];
    }

    static final class MissingSecret extends Exception {
        MissingSecret(String message) {
            super(message);
        }
    }
}
