package io.floe.engine.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What a task ledger holds, as a host's next process would find it. */
final class LedgerFiles {
    private LedgerFiles() {}

    /** The tasks its journal records as running, by session id. */
    static java.util.Set<Long> running(Path ledger) throws IOException {
        return TaskJournal.read(ledger).keySet();
    }

    /** Its files but the journal, and the journal too while it records a running task: empty once nothing is left. */
    static List<Path> left(Path ledger) throws IOException {
        if (!Files.isDirectory(ledger)) {
            return List.of();
        }
        boolean journalEmpty = running(ledger).isEmpty();
        try (Stream<Path> files = Files.list(ledger)) {
            return files.filter(f -> !(journalEmpty && f.getFileName().toString().equals(TaskJournal.NAME)))
                    .toList();
        }
    }
}
