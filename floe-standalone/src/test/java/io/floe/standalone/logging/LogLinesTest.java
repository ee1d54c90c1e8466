package io.floe.standalone.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A value with a newline (a signed webhook's branch, say) can not forge a line in the host's log: through the host's
 * own {@code logback.xml}, each logged message stays on its one line, and so does an exception's message.
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
        URL config = OneLineMessage.class.getResource("/logback.xml");
        assertThat(config).as("the host's logging config").isNotNull();
        assertThat(config.toString()).contains("floe-standalone");
        context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(context);
        joran.doConfigure(config);
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
}
