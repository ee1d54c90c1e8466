package io.floe.engine.node;

/**
 * What a task left running past a planned restart of its host tells the next process of that host: whose it is, how
 * far its output was logged (bytes of its spooled output, and lines), so the log goes on exactly where it stopped.
 *
 * @param run the run's id as text ({@code host-17})
 * @param node the task's node id
 * @param offset bytes of the task's output whose lines were logged
 * @param lines lines this task logged (its own header lines included)
 */
public record Detachment(String run, String node, long offset, long lines) {}
