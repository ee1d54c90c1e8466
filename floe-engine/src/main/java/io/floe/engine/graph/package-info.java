/**
 * Layer: internal. The flow graph (tag to listeners, reachability, levels); adapters see it through the view package.
 */
package io.floe.engine.graph;
