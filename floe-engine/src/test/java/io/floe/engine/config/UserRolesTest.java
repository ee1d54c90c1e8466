package io.floe.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The roles of {@code common.users}: viewer, user (the default) and admin; any other is a config error. */
class UserRolesTest {
    private static final String USERS = """
            common:
              users:
                - {name: vic, password-hash: "pbkdf2-sha256$1$c2FsdA$aGFzaA", role: viewer}
                - {name: ann, password-hash: "pbkdf2-sha256$1$c2FsdA$aGFzaA"}
                - {name: ada, password-hash: "pbkdf2-sha256$1$c2FsdA$aGFzaA", role: %s}
            flows: []
            """;

    @Test
    void viewerUserAndAdminAreRoles() throws Exception {
        FloeConfig cfg = ConfigLoader.parse(USERS.formatted("admin"), "users.yml", null, new TestCatalog());
        assertThat(cfg.common().users()).extracting(UserConfig::role).containsExactly("viewer", "user", "admin");
    }

    @Test
    void anyOtherRoleIsAnErrorNamingTheRoles() {
        assertThatThrownBy(() -> ConfigLoader.parse(USERS.formatted("root"), "users.yml", null, new TestCatalog()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("role 'root' is not viewer, user or admin");
    }
}
