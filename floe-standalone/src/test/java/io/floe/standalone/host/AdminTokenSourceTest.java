package io.floe.standalone.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the admin token comes from, and what is refused or warned about. */
class AdminTokenSourceTest {
    @TempDir
    Path dir;
    private final List<String> warnings = new ArrayList<>();

    @Test
    void theFlagStillWorksWithAWarning() throws Exception {
        assertThat(AdminTokenSource.resolve("tok", null, Map.of(), warnings::add)).isEqualTo("tok");
        assertThat(warnings).singleElement().asString().startsWith("-admin puts the admin token on the command line")
                .contains("-admin_file=PATH", "FLOE_ADMIN");
    }

    @Test
    void theEnvironmentVariableAndTheFileGiveTheTokenWithoutAWarning() throws Exception {
        assertThat(AdminTokenSource.resolve("", null, Map.of("FLOE_ADMIN", "from-env"), warnings::add))
                .isEqualTo("from-env");
        Path file = dir.resolve("token");
        Files.writeString(file, "  from-file\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        assertThat(AdminTokenSource.resolve("", file, Map.of(), warnings::add)).isEqualTo("from-file");
        assertThat(warnings).isEmpty();
        assertThat(AdminTokenSource.resolve("", null, Map.of(), warnings::add)).isEmpty();
    }

    @Test
    void twoDifferentTokensAnEmptyFileOrAMissingOneAreRefused() throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> AdminTokenSource.resolve("tok", null, Map.of("FLOE_ADMIN", "x"), warnings::add))
                .hasMessage("different admin tokens are given (-admin, FLOE_ADMIN); give it one way: "
                        + "-admin_file=PATH or FLOE_ADMIN");
        // the same token twice is not a conflict (the flag still warns)
        assertThat(AdminTokenSource.resolve("x", null, Map.of("FLOE_ADMIN", "x"), warnings::add)).isEqualTo("x");
        assertThat(warnings).hasSize(1);
        assertThatThrownBy(() -> AdminTokenSource.resolve("", file, Map.of(), warnings::add))
                .hasMessage("-admin_file " + file + " is empty; write the admin token into it");
        assertThatThrownBy(() -> AdminTokenSource.resolve("", dir.resolve("nope"), Map.of(), warnings::add))
                .hasMessage("-admin_file " + dir.resolve("nope") + " is not a file; write the admin token into it "
                        + "(chmod 600)");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));
        assertThatThrownBy(() -> AdminTokenSource.resolve("", file, Map.of(), warnings::add))
                .hasMessageContaining("may be read or written by others (mode rw-rw----); run chmod 600");
    }
}
