package io.floe.standalone.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The limits count a frame by the bytes it carries: the count made without encoding is the encoded length. */
class EventFrameTest {
    @Test
    void theSizeIsTheLengthOfTheUtf8TheFrameCarries() {
        String[] texts = {"", "{\"Tag\":\"task.a.good\"}", "grüße", "日本語のログ", "emoji 🚀 and 𝄞",
            "lone \uD800 high", "lone \uDC00 low", "high at the end \uD83D", "\u007f\u0080\u07ff\u0800\uffff"};
        for (String t : texts) {
            assertThat(EventFrame.of(t).size()).as(t).isEqualTo(t.getBytes(StandardCharsets.UTF_8).length);
            assertThat(EventFrame.of(t).text()).isEqualTo(t);
        }
    }
}
