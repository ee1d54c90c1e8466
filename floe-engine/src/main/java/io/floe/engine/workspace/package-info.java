/**
 * Layer: internal. Workspace paths and the substitution rules; adapters see the paths Floe returns.
 */
package io.floe.engine.workspace;
