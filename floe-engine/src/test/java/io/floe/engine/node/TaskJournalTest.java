package io.floe.engine.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The task ledger's journal: what the next process of a host reads back, whatever this one did last. */
class TaskJournalTest {
    @TempDir
    Path dir;

    @Test
    void theNextProcessReadsWhatStillRuns() throws Exception {
        TaskJournal j = new TaskJournal(dir);
        j.add(101, "boot 7");
        j.add(102, "boot 8 tok-1");
        j.add(103, "boot 9");
        j.remove(102);
        assertThat(TaskJournal.read(dir)).containsExactly(Map.entry(101L, List.of("boot", "7")),
                Map.entry(103L, List.of("boot", "9")));
    }

    @Test
    void aFileThatRecordsNothingRunningIsEmptiedNotRemoved() throws Exception {
        TaskJournal j = new TaskJournal(dir);
        j.add(101, "boot 7");
        j.add(102, "boot 8");
        j.remove(101);
        j.remove(102);
        assertThat(dir.resolve(TaskJournal.NAME)).isEmptyFile();
        j.add(103, "boot 9");
        assertThat(TaskJournal.read(dir)).containsOnlyKeys(103L);
    }

    @Test
    void aLineCutShortByACrashIsSkipped() throws Exception {
        TaskJournal j = new TaskJournal(dir);
        j.add(101, "boot 7");
        Files.writeString(dir.resolve(TaskJournal.NAME), "+ 10", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertThat(TaskJournal.read(dir)).containsOnlyKeys(101L);
    }

    @Test
    void aBusyHostsFileStaysSmallAndKeepsWhatRuns() throws Exception {
        TaskJournal j = new TaskJournal(dir);
        j.add(1, "boot 1"); // runs throughout, while 100,000 short tasks come and go beside it
        for (int i = 0; i < 100_000; i++) {
            j.add(1000 + i, "boot " + i + " t1-" + i);
            j.remove(1000 + i);
        }
        assertThat(Files.size(dir.resolve(TaskJournal.NAME))).isLessThan(2L << 20);
        assertThat(TaskJournal.read(dir)).containsOnlyKeys(1L);
    }

    @Test
    void whatAnEarlierProcessRecordedStaysUntilCollected() throws Exception {
        TaskJournal crashed = new TaskJournal(dir);
        crashed.add(101, "boot 7");
        crashed.close();

        TaskJournal next = new TaskJournal(dir);
        next.add(201, "boot 8");
        next.remove(201); // this process runs nothing now, but the last one's task is not collected yet
        assertThat(TaskJournal.read(dir)).containsOnlyKeys(101L);

        next.takeOver(Map.of()); // collected: stopped, nothing kept
        assertThat(TaskJournal.read(dir)).isEmpty();
    }

    @Test
    void takingOverKeepsTheTasksFollowedAndThoseStartedSince() throws Exception {
        TaskJournal last = new TaskJournal(dir);
        last.add(101, "boot 7 t1-1");
        last.add(102, "boot 8");
        last.close();

        TaskJournal next = new TaskJournal(dir);
        next.takeOver(Map.of(101L, List.of("boot", "7", "t1-1")));
        next.add(201, "boot 9");
        assertThat(TaskJournal.read(dir)).containsOnlyKeys(101L, 201L);
        next.remove(101); // the reattached task ended and was reported
        next.remove(201);
        assertThat(dir.resolve(TaskJournal.NAME)).isEmptyFile();
    }

    @Test
    void aClosedJournalLetsGoOfItsFileAndNeverWritesItAgain() throws Exception {
        TaskJournal old = new TaskJournal(dir);
        old.add(101, "boot 7");
        old.add(102, "boot 8");
        old.close(); // its host closed, while two tasks were still ending
        assertThat(openFiles()).doesNotContain(dir.resolve(TaskJournal.NAME));

        TaskJournal next = new TaskJournal(dir); // the next process of the host (or a new host in this JVM)
        next.takeOver(Map.of(102L, List.of("boot", "8"))); // it follows task 102
        next.add(201, "boot 9");
        old.remove(101);
        old.remove(102); // the closed one's last tasks end: the file is the next one's now, and stays as it is
        assertThat(TaskJournal.read(dir)).containsOnlyKeys(102L, 201L);
    }

    /** The files this JVM has open. */
    private static List<Path> openFiles() throws Exception {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd);
                } catch (Exception e) {
                    return fd; // closed meanwhile (the listing's own descriptor)
                }
            }).toList();
        }
    }
}
