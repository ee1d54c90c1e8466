/**
 * Layer: internal. The exec task type.
 */
package io.floe.engine.node.exec;
