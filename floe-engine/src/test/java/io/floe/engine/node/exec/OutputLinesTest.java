package io.floe.engine.node.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Splitting process output into lines (floe-spec §4.5, and the fix for §8 item 29). */
class OutputLinesTest {

    private static List<String> lines(byte[] bytes) throws IOException {
        List<String> out = new ArrayList<>();
        new OutputLines(out::add).pump(new ByteArrayInputStream(bytes));
        return out;
    }

    private static List<String> lines(String text) throws IOException {
        return lines(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void newlinesAndCrLfEndLinesAndALastUnterminatedLineCounts() throws IOException {
        assertThat(lines("a\r\nb\n\nc")).containsExactly("a", "b", "", "c");
        assertThat(lines("a\n")).containsExactly("a");
        assertThat(lines("")).isEmpty();
    }

    /** Where each line ends in the stream: a restarted host goes on reading a detached task's output from there. */
    @Test
    void eachLineKnowsWhereItEndsInTheStream() throws IOException {
        List<Long> ends = new ArrayList<>();
        OutputLines[] lines = new OutputLines[1];
        lines[0] = new OutputLines(l -> ends.add(lines[0].lineEnd()));
        // read in small pieces, so lines span reads
        byte[] text = "a\r\nbb\n\nccc".getBytes(StandardCharsets.UTF_8);
        lines[0].pump(new java.io.InputStream() {
            private int at;

            @Override
            public int read() {
                return at < text.length ? text[at++] : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (at >= text.length) {
                    return -1;
                }
                int n = Math.min(2, Math.min(len, text.length - at));
                System.arraycopy(text, at, b, off, n);
                at += n;
                return n;
            }
        });
        assertThat(ends).containsExactly(3L, 6L, 7L, 10L);
    }

    @Test
    void aLongLinesChunksEndWhereTheirBytesEnd() throws IOException {
        List<Long> ends = new ArrayList<>();
        OutputLines[] lines = new OutputLines[1];
        lines[0] = new OutputLines(l -> ends.add(lines[0].lineEnd()));
        byte[] text = ("x".repeat(OutputLines.MAX_LINE + 10) + "\n").getBytes(StandardCharsets.UTF_8);
        lines[0].pump(new ByteArrayInputStream(text));
        assertThat(ends).containsExactly((long) OutputLines.MAX_LINE, (long) text.length);
    }

    @Test
    void aLoneCarriageReturnStaysInTheLine() throws IOException {
        assertThat(lines("10%\r50%\n")).containsExactly("10%\r50%");
    }

    @Test
    void malformedUtf8IsReplacedNotFatal() throws IOException {
        assertThat(lines(new byte[] {'o', 'k', (byte) 0xff, '\n', 'n', 'e', 'x', 't'}))
                .containsExactly("ok\uFFFD", "next");
    }

    @Test
    void aLineOfExactlyTheMaximumStaysWhole() throws IOException {
        String max = "x".repeat(OutputLines.MAX_LINE);
        assertThat(lines(max + "\nnext\n")).containsExactly(max, "next");
    }

    @Test
    void longLinesArriveInChunksThatNeverCutACharacter() throws IOException {
        // a 2-byte character straddles the chunk boundary
        String text = "x".repeat(OutputLines.MAX_LINE - 1) + "é" + "y".repeat(10);
        List<String> out = lines(text + "\n");

        assertThat(out).containsExactly("x".repeat(OutputLines.MAX_LINE - 1), "é" + "y".repeat(10));
    }

    @Test
    void chunksJoinBackToTheWholeLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        String unit = "ab€😀";
        while (b.size() < 300_000) {
            b.writeBytes(unit.getBytes(StandardCharsets.UTF_8));
        }
        String whole = b.toString(StandardCharsets.UTF_8);

        List<String> out = lines(b.toByteArray());

        assertThat(String.join("", out)).isEqualTo(whole);
        assertThat(out).allSatisfy(l -> assertThat(l.getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(OutputLines.MAX_LINE)).hasSizeGreaterThan(4);
        assertThat(String.join("", out)).doesNotContain("\uFFFD");
    }
}
