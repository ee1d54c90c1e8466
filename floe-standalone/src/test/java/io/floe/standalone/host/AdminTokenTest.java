package io.floe.standalone.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.Await;
import io.floe.standalone.api.Api;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin token kept off the command line: a host process started with {@code FLOE_ADMIN} or {@code -admin_file}
 * takes it, and a task of that host finds it neither in its environment nor in the host's command line. A token file
 * others may read is refused.
 */
class AdminTokenTest {
    private static final String TOKEN = "kept-off-the-command-line-7f3a";
    private static final String FLOWS = """
            flows:
              - id: snoop
                ver: 1
                triggers: [{name: go, type: data}]
                tasks:
                  - name: look
                    listen: trigger.good
                    type: exec
                    opts: {shell: "env; echo; echo parent:; tr '\\\\0' ' ' < /proc/$PPID/cmdline; echo; echo parent env:; tr '\\\\0' '\\\\n' < /proc/$PPID/environ; echo; echo host:; tr '\\\\0' ' ' < /proc/$(cut -d ' ' -f 4 /proc/$PPID/stat)/cmdline; echo; echo done"}
                  - {name: end, listen: task.look.good, type: end}
            """;

    @TempDir
    Path dir;

    @Test
    void aTokenFromFloeAdminWorksAndNoTaskCanReadIt() throws Exception {
        Files.writeString(dir.resolve("default.yml"), FLOWS);
        int port = HostJvm.freePort();
        Api api = new Api("http://127.0.0.1:" + port, "/build/api");
        try (HostJvm host = HostJvm.start(dir, Map.of("FLOE_ADMIN", TOKEN, "FLOE_STORE_PASSWORD", "store-secret"),
                List.of(), "-host_name=h1", "-pub_bind=127.0.0.1:" + port, "-root=" + dir.resolve("root"))) {
            host.awaitOutput("dashboard:", Duration.ofSeconds(60));
            String[] auth = {"X-Floe-Auth", TOKEN};
            Api.Answer trigger = api.post("/push/data", "{\"Ref\":{\"ID\":\"snoop\"},\"Form\":{\"ID\":\"go\"}}", auth);
            assertThat(trigger.status()).as(trigger.body()).isEqualTo(200);
            // a line "done" of its own: the log's first line, the command, holds the word too
            Await.until(() -> api.get("/flows/snoop/runs/h1-1/nodes/look/log", auth).body().lines()
                    .anyMatch("done"::equals));
            String log = api.get("/flows/snoop/runs/h1-1/nodes/look/log", auth).body();
            // the task's parent is the host's guard process (issue 21), whose parent is the host: neither one's
            // command line, nor the guard's environment, holds a secret
            assertThat(log).contains("FLOEWS=", "parent:", "parent env:", "host:", "-host_name=h1");
            assertThat(log).doesNotContain(TOKEN, "FLOE_ADMIN", "store-secret", "FLOE_STORE_PASSWORD");
            assertThat(host.stderr()).doesNotContain("-admin puts the admin token on the command line");
        }
    }

    @Test
    void aTokenFileOthersMayReadIsRefusedAndOneOnlyTheHostsUserReadsWorks() throws Exception {
        Files.writeString(dir.resolve("default.yml"), FLOWS);
        Path file = dir.resolve("admin-token");
        Files.writeString(file, TOKEN + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        int port = HostJvm.freePort();
        String[] flags = {"-host_name=h1", "-pub_bind=127.0.0.1:" + port, "-admin_file=" + file,
            "-root=" + dir.resolve("root")};
        try (HostJvm host = HostJvm.start(dir, flags)) {
            assertThat(host.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
            assertThat(host.stderr()).contains("floe: -admin_file " + file + " may be read or written by others "
                    + "(mode rw-r--r--); run chmod 600 " + file + " so only the host's user can read it");
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Api api = new Api("http://127.0.0.1:" + port, "/build/api");
        try (HostJvm host = HostJvm.start(dir, flags)) {
            host.awaitOutput("dashboard:", Duration.ofSeconds(60));
            assertThat(api.get("/flows", "X-Floe-Auth", TOKEN).status()).isEqualTo(200);
        }
    }

    @Test
    void theAdminFlagStillWorksAndTheLogWarnsAboutIt() throws Exception {
        Files.writeString(dir.resolve("default.yml"), FLOWS);
        int port = HostJvm.freePort();
        try (HostJvm host = HostJvm.start(dir, "-host_name=h1", "-pub_bind=127.0.0.1:" + port, "-admin=" + TOKEN,
                "-root=" + dir.resolve("root"))) {
            host.awaitOutput("dashboard:", Duration.ofSeconds(60));
            assertThat(new Api("http://127.0.0.1:" + port, "/build/api").get("/flows", "X-Floe-Auth", TOKEN).status())
                    .isEqualTo(200);
            // stderr is read by a thread of its own: the line printed before "dashboard:" may still be on its way
            Await.until(() -> host.stderr().contains("-admin puts"));
            assertThat(host.stderr()).contains("WARN", "-admin puts the admin token on the command line, where every "
                    + "local process, tasks included, can read it (/proc/<pid>/cmdline); give it with "
                    + "-admin_file=PATH (mode 600) or the FLOE_ADMIN environment variable instead");
        }
    }
}
