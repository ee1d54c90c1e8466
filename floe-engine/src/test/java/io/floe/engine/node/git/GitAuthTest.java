package io.floe.engine.node.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GitAuthTest {

    @Test
    void takesTheKeyFromOptsAndCredentialsAndHomeFromTheEnv() {
        GitAuth auth = GitAuth.forTask(Map.of("key-file", "~/.ssh/id_floe"),
                List.of("GIT_USERNAME=ci", "GIT_PASSWORD=first", "GIT_PASSWORD=second"),
                Map.of("HOME", "/home/floe", "GIT_USERNAME=ignored", "x"));

        assertThat(auth.keyFile()).isEqualTo(Path.of("/home/floe/.ssh/id_floe"));
        assertThat(auth.username()).isEqualTo("ci");
        assertThat(auth.password()).as("a later entry wins").isEqualTo("second");
        assertThat(auth.sshDir()).isEqualTo(Path.of("/home/floe/.ssh"));
    }

    @Test
    void aTokenIsSentAsThePassword() {
        GitAuth auth = GitAuth.forTask(Map.of(), List.of("GIT_TOKEN=t0k"), Map.of("HOME", "/h"));

        assertThat(auth.username()).isEqualTo(GitAuth.TOKEN_USER);
        assertThat(auth.password()).isEqualTo("t0k");
        assertThat(auth.keyFile()).isNull();
    }

    @Test
    void neverShowsThePassword() {
        GitAuth auth = GitAuth.forTask(Map.of(), List.of("GIT_TOKEN=t0k"), Map.of("HOME", "/h"));

        assertThat(auth.toString()).doesNotContain("t0k").contains("***");
    }
}
