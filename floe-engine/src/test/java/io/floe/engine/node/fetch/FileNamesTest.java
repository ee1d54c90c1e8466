package io.floe.engine.node.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a download is named in the workspace. */
class FileNamesTest {
    private static final URI URL = URI.create("http://h/dir/from-url.tar.gz?x=1");

    @Test
    void contentDispositionWinsOverTheUrl() {
        assertThat(FileNames.choose(Optional.of("attachment; filename=\"report 1.pdf\""), URL)).isEqualTo("report 1.pdf");
        assertThat(FileNames.choose(Optional.of("attachment; filename=plain.txt"), URL)).isEqualTo("plain.txt");
    }

    @Test
    void theExtendedFilenameIsDecodedAndPreferred() {
        assertThat(FileNames.choose(Optional.of("attachment; filename=\"fallback.txt\"; "
                + "filename*=UTF-8''na%C3%AFve%20file+1.txt"), URL)).isEqualTo("naïve file+1.txt");
    }

    @Test
    void pathsInTheServersNameAreDropped() {
        assertThat(FileNames.choose(Optional.of("attachment; filename=\"../../etc/passwd\""), URL)).isEqualTo("passwd");
        assertThat(FileNames.choose(Optional.of("attachment; filename=\"..\\\\..\\\\win.ini\""), URL))
                .isEqualTo("win.ini");
        assertThat(FileNames.choose(Optional.of("attachment; filename=\"..\""), URL)).isEqualTo("from-url.tar.gz");
    }

    @Test
    void theUrlsLastSegmentIsDecoded() {
        assertThat(FileNames.choose(Optional.empty(), URI.create("http://h/a/b%20c.txt"))).isEqualTo("b c.txt");
        assertThat(FileNames.choose(Optional.of("inline"), URL)).isEqualTo("from-url.tar.gz");
    }

    @Test
    void withoutAnyNameItIsDownload() {
        assertThat(FileNames.choose(Optional.empty(), URI.create("http://h/"))).isEqualTo("download");
        assertThat(FileNames.choose(Optional.empty(), URI.create("http://h"))).isEqualTo("download");
        assertThat(FileNames.choose(Optional.empty(), URI.create("http://h/dir/"))).isEqualTo("download");
    }
}
