package io.jenkins.plugins.floe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the plugin names a task's artifacts for Jenkins: Ant includes that keep a matched folder whole, as the engine
 * does; archive paths as in the workspace; every step from the workspace to a file, each checked for a link on the
 * agent; and a task folder or glob that can not stay inside the workspace refused.
 */
class ArtifactPathsTest {
    @Test
    void globsBecomeAntIncludesUnderTheTasksFolder() {
        ArtifactPaths p = new ArtifactPaths("./app/", List.of("target/surefire-reports", "*.log"));
        assertThat(p.folder()).isEqualTo("app");
        assertThat(p.includes()).isEqualTo("target/surefire-reports,target/surefire-reports/**,*.log,*.log/**");
        assertThat(p.inWorkspace("target/surefire-reports/TEST-a.xml"))
                .isEqualTo("app/target/surefire-reports/TEST-a.xml");
        assertThat(p.steps("target/a.xml")).containsExactly("app", "app/target", "app/target/a.xml");
        assertThat(new ArtifactPaths("", List.of("a")).steps("a")).containsExactly("a");
    }

    @Test
    void aFilesPathIsTakenRelativeToTheFolderAsTheAgentNamesIt() {
        assertThat(ArtifactPaths.relative("/ws/app", "/ws/app/target/a.xml")).isEqualTo("target/a.xml");
        assertThat(ArtifactPaths.relative("C:\\ws\\app", "C:\\ws\\app\\target\\a.xml")).isEqualTo("target/a.xml");
        assertThatThrownBy(() -> ArtifactPaths.relative("/ws/app", "/ws/application/a.xml"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFolderOutsideTheWorkspaceOrAGlobJenkinsWouldSplitIsRefused() {
        assertThatThrownBy(() -> new ArtifactPaths("../other", List.of("*"))).hasMessageContaining("climbs out");
        assertThatThrownBy(() -> new ArtifactPaths("/etc", List.of("*"))).hasMessageContaining("not inside");
        assertThatThrownBy(() -> new ArtifactPaths("", List.of("a,b")).includes()).hasMessageContaining("comma");
    }
}
