/**
 * Layer: internal. The routing loop (Hub, Turn), adopting triggers into pends and dispatching them, running runs. Only
 * the engine uses it; adapters go through {@link io.floe.engine.Floe}.
 */
package io.floe.engine.hub;
