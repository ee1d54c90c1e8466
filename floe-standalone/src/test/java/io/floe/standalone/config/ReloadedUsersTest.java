package io.floe.standalone.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.standalone.api.Api;
import io.floe.standalone.api.RunningHost;
import io.floe.standalone.auth.PasswordHash;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config reload applies {@code common.users}: a user removed can no longer log in and her sessions end; a user whose
 * password or role changed loses her sessions and logs in with the new ones; an unchanged user keeps hers.
 */
class ReloadedUsersTest {
    @TempDir
    Path dir;
    private RunningHost h;

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    private static String users(String... entries) {
        return "common:\n  users:\n" + String.join("", entries) + "flows: []\n";
    }

    private static String user(String name, String hash, String role) {
        return "    - {name: " + name + ", password-hash: \"" + hash + "\", role: " + role + "}\n";
    }

    private String session(String user, String password) {
        Api.Answer a = h.api.post("/login", "{\"User\":\"" + user + "\",\"Password\":\"" + password + "\"}");
        assertThat(a.status()).as(user + ": " + a.body()).isEqualTo(200);
        return a.payload().getAsJsonObject().get("Token").getAsString();
    }

    private int read(String session) {
        return h.api.get("/session", "X-Floe-Auth", session).status();
    }

    @Test
    void aReloadEndsTheSessionsOfRemovedAndChangedUsersAndKeepsTheOthers() throws Exception {
        String annHash = PasswordHash.hash("ann pass".toCharArray());
        String bobHash = PasswordHash.hash("bob pass".toCharArray());
        String carlHash = PasswordHash.hash("carl pass".toCharArray());
        String deeHash = PasswordHash.hash("dee pass".toCharArray());
        h = RunningHost.start(users(user("ann", annHash, "user"), user("bob", bobHash, "user"),
                user("carl", carlHash, "user"), user("dee", deeHash, "user")), dir);
        String ann = session("ann", "ann pass");
        String bob = session("bob", "bob pass");
        String carl = session("carl", "carl pass");
        String dee = session("dee", "dee pass");

        // ann removed, bob's password changed, carl made an admin, dee as she was
        Files.writeString(dir.resolve("hi1.yml"), users(user("bob", PasswordHash.hash("new bob".toCharArray()),
                "user"), user("carl", carlHash, "admin"), user("dee", deeHash, "user")));
        Api.Answer reload = h.api.post("/config/reload", "", Api.admin());
        assertThat(reload.status()).as(reload.body()).isEqualTo(200);

        assertThat(read(ann)).as("removed user's session").isEqualTo(401);
        assertThat(h.api.post("/login", "{\"User\":\"ann\",\"Password\":\"ann pass\"}").status()).isEqualTo(401);
        assertThat(read(bob)).as("session from the old password").isEqualTo(401);
        assertThat(h.api.post("/login", "{\"User\":\"bob\",\"Password\":\"bob pass\"}").status()).isEqualTo(401);
        assertThat(read(session("bob", "new bob"))).isEqualTo(200);
        assertThat(read(carl)).as("session from the old role").isEqualTo(401);
        assertThat(h.api.post("/login", "{\"User\":\"carl\",\"Password\":\"carl pass\"}").payload()
                .getAsJsonObject().get("Role").getAsString()).isEqualTo("ADMIN");
        assertThat(read(dee)).as("unchanged user's session").isEqualTo(200);
    }
}
