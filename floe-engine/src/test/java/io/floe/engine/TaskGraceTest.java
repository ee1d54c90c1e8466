package io.floe.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.config.ConfigException;
import io.floe.engine.config.ConfigLoader;
import io.floe.engine.spi.StoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** {@code common.task-grace}: how long a task may outlive its host over a planned restart, and where it is capped. */
class TaskGraceTest {
    private static StoreSettings store(String type, Duration lease) {
        return new StoreSettings(type, Path.of("/tmp/floe-grace"), "", "", "", "h1", lease);
    }

    @Test
    void theDefaultIsTenMinutesOnTheLocalStore() {
        assertThat(TaskGrace.effective(null, store("local", null))).isEqualTo(Duration.ofMinutes(10));
        assertThat(TaskGrace.effective(Duration.ofMinutes(30), store("local", null))).isEqualTo(Duration.ofMinutes(30));
        assertThat(TaskGrace.effective(Duration.ZERO, store("local", null))).isZero();
    }

    @Test
    void aMemoryStoreKeepsNothing() {
        assertThat(TaskGrace.effective(Duration.ofMinutes(10), store("memory", null))).isZero();
    }

    @Test
    void onASharedStoreTheGraceEndsBeforeAnotherHostMayTakeTheRunOver() {
        assertThat(TaskGrace.effective(Duration.ofMinutes(10), store("postgres", Duration.ofSeconds(30))))
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(TaskGrace.effective(Duration.ofSeconds(2), store("postgres", Duration.ofSeconds(30))))
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void theConfigTakesADurationOrZero() throws Exception {
        assertThat(ConfigLoader.parse("common:\n  task-grace: 90s\n", "t.yml", Path.of("/tmp"), null).common()
                .taskGrace()).isEqualTo(Duration.ofSeconds(90));
        assertThat(ConfigLoader.parse("common:\n  task-grace: 0\n", "t.yml", Path.of("/tmp"), null).common()
                .taskGrace()).isZero();
        assertThat(ConfigLoader.parse("common: {}\n", "t.yml", Path.of("/tmp"), null).common().taskGrace()).isNull();
        Assertions.assertThatThrownBy(() -> ConfigLoader.parse("common:\n  task-grace: soon\n", "t.yml",
                Path.of("/tmp"), null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("t.yml:2: common - task-grace soon is not a duration");
    }
}
