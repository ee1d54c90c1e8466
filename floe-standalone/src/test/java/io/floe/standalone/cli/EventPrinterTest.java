package io.floe.standalone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.event.Event;
import io.floe.engine.event.FlowRef;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.NodeRef;
import io.floe.engine.event.RunRef;
import io.floe.engine.event.Tags;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code floe run} prints can not be rewritten by what it prints: control characters are shown, not obeyed. */
class EventPrinterTest {
    private static final RunRef RUN = new RunRef(new FlowRef("build", 1), new HostedRef("h1", 1), "h1");

    private final StringWriter text = new StringWriter();
    private final EventPrinter printer = new EventPrinter(new PrintWriter(text));

    @Test
    void anErrorWithANewlineStaysOnItsEventsLine() {
        printer.print(Event.of(RUN, NodeRef.NONE, Tags.SYS_ERROR, false,
                Map.of("error", "no branch 'x\n12:00:00.000 sys.end.all run 1 ended good'")));

        assertThat(text.toString().lines()).singleElement().asString()
                .endsWith("no branch 'x\\n12:00:00.000 sys.end.all run 1 ended good'");
    }

    @Test
    void taskOutputCanNotMoveTheCursorButItsLinesStayIndented() {
        printer.print(Event.of(RUN, new NodeRef("task", "make"), Tags.SYS_NODE_UPDATE, true,
                Map.of("update", "50%\r\u001b[2Kdone\nsecond")));

        String[] lines = text.toString().split(System.lineSeparator());
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).endsWith("make | 50%\\r\\u001b[2Kdone");
        assertThat(lines[1]).startsWith(" ".repeat(lines[0].indexOf("50%"))).endsWith("second");
        assertThat(text.toString()).doesNotContain("\u001b");
    }
}
