package io.floe.engine.hub;

import io.floe.engine.config.NodeConfig;
import io.floe.engine.event.Tags;
import io.floe.engine.spi.TaskResult;

/**
 * Maps how a task ended to the event it emits (floe-spec §3.6): {@code ignore-fail} always gives {@code good};
 * otherwise good means the status is in the node's {@code good} list (default {@code [0]}); {@code use-status} puts the
 * status itself in the tag; an execution error gives {@code error}.
 */
record ExitStatus(String tag, boolean good) {

    static ExitStatus of(NodeConfig node, TaskResult result) {
        if (node.ignoreFail()) {
            return new ExitStatus(Tags.task(node.id(), "good"), true);
        }
        if (result.failedToExecute()) {
            return new ExitStatus(Tags.task(node.id(), "error"), false);
        }
        boolean good = node.good().isEmpty() ? result.status() == 0 : node.good().contains(result.status());
        String suffix = node.useStatus() ? Integer.toString(result.status()) : good ? "good" : "bad";
        return new ExitStatus(Tags.task(node.id(), suffix), good);
    }
}
