/**
 * Layer: API. The YAML model (flows, nodes, a data node's form) and its loading; anyone may use it.
 */
package io.floe.engine.config;
