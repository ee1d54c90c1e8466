/**
 * Layer: internal. The fetch task type and reading flow-files over http(s); hosts use {@link
 * io.floe.engine.RemoteFiles}.
 */
package io.floe.engine.node.fetch;
