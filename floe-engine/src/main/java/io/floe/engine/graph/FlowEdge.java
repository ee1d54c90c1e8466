package io.floe.engine.graph;

/**
 * One link of a flow's graph: node {@code to} reacts to {@code tag}, which node {@code from} emits. A task's listen
 * gives one edge per emitting node ({@code trigger.good} gives one from every trigger); a merge gives one per wait.
 *
 * @param from the id of the node that emits the tag
 * @param to   the id of the task or merge that listens for (or waits on) it
 * @param tag  the event tag, e.g. {@code task.build.good}
 */
public record FlowEdge(String from, String to, String tag) {}
