package io.floe.standalone.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A value with a newline (a signed webhook's branch, say) can not forge a line in the host's log: through the host's
 * own logging set-up ({@link HostLogging}), each logged message stays on its one line, and so does an exception's
 * message.
 */
class LogLinesTest {
    private static final String FORGED = "main\n2026-01-01 00:00:00.000 INFO  [fake] x.y - admin logged in\r\u001b[2K";

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream realErr;
    private LoggerContext context;

    @BeforeEach
    void hostLogging() throws Exception {
        realErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        new HostLogging().configureFor(context);
    }

    @AfterEach
    void restore() {
        context.stop();
        System.setErr(realErr);
    }

    private List<String> lines() {
        return Arrays.asList(err.toString(StandardCharsets.UTF_8).split("\n"));
    }

    @Test
    void aNewlineInALoggedValueStaysOnTheMessagesLine() {
        Logger log = context.getLogger("io.floe.standalone.webhook.GitPushRoute");

        log.info("push to branch {} accepted", FORGED);

        assertThat(lines()).singleElement().asString()
                .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[[^]]+] "
                        + "i\\.f\\.s\\.w\\.GitPushRoute - push to branch .*")
                .contains(" INFO  ")
                .endsWith("push to branch main\\n2026-01-01 00:00:00.000 INFO  [fake] x.y - admin logged in"
                        + "\\r\\u001b[2K accepted");
    }

    @Test
    void anExceptionsMessageStaysOnItsClassLine() {
        Logger log = context.getLogger("io.floe.standalone.webhook.GitPushRoute");

        log.warn("push refused", new IllegalArgumentException("bad branch " + FORGED,
                new IllegalStateException("cause\n[fake] INFO ok")));

        List<String> lines = lines();
        assertThat(lines.get(0)).endsWith("push refused");
        assertThat(lines.get(1)).isEqualTo("java.lang.IllegalArgumentException: bad branch main\\n2026-01-01 "
                + "00:00:00.000 INFO  [fake] x.y - admin logged in\\r\\u001b[2K");
        assertThat(lines).filteredOn(l -> l.startsWith("Caused by"))
                .containsExactly("Caused by: java.lang.IllegalStateException: cause\\n[fake] INFO ok");
        assertThat(lines.subList(2, lines.size())).allMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by: ")
                || l.startsWith("\t... "), "every other line is a stack frame");
    }

    @Test
    void logbackFindsTheHostsSetUp() {
        assertThat(java.util.ServiceLoader.load(ch.qos.logback.classic.spi.Configurator.class).stream()
                .map(p -> p.type().getName())).contains(HostLogging.class.getName());
    }
}
