package io.floe.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** CFG-01: the original's id/name derivation, exactly. */
class IdNameTest {

    @Test
    void bothEmptyIsAnError() {
        assertThatThrownBy(() -> IdName.derive("", "")).hasMessage("id and name can not both be empty");
        assertThatThrownBy(() -> IdName.derive(" -", ". ")).hasMessage("id and name can not both be empty");
    }

    @Test
    void givenIdWithAFullStopOrASpaceIsAnError() {
        assertThatThrownBy(() -> IdName.derive("a.b", "")).hasMessage("a specified id can not contain spaces or full stops");
        assertThatThrownBy(() -> IdName.derive("a b", "")).hasMessage("a specified id can not contain spaces or full stops");
    }

    @Test
    void nameIsDerivedFromTheId() {
        assertThat(IdName.derive("a-b", "")).isEqualTo(new IdName("a-b", "a b"));
    }

    @Test
    void idIsDerivedFromTheName() {
        assertThat(IdName.derive("", "a b.2")).isEqualTo(new IdName("a-b-2", "a b.2"));
        assertThat(IdName.derive("", "Wait For  Tests & Sign.Off"))
                .isEqualTo(new IdName("wait-for--tests-&-sign-off", "Wait For  Tests & Sign.Off"));
    }

    @Test
    void spacesFullStopsAndDashesAreTrimmedAndTheIdLowerCased() {
        assertThat(IdName.derive("a-b--", "")).isEqualTo(new IdName("a-b", "a b"));
        assertThat(IdName.derive("--a-b..", "")).isEqualTo(new IdName("a-b", "a b"));
        assertThat(IdName.derive("Build-OSX", " Build OSX. ")).isEqualTo(new IdName("build-osx", "Build OSX"));
    }
}
