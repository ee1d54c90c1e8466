/**
 * Layer: internal. Timers and git polling and matching a push to triggers; adapters fire triggers through Floe.
 */
package io.floe.engine.trigger;
