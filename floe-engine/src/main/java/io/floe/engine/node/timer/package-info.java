/**
 * Layer: internal. The timer task type.
 */
package io.floe.engine.node.timer;
