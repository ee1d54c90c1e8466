/**
 * Layer: API. The entry point {@link io.floe.engine.Floe} and its {@link io.floe.engine.Floe.Builder}, with the typed
 * results and exceptions its methods return ({@link io.floe.engine.TriggerOutcome}, {@link io.floe.engine.DataReceipt},
 * {@link io.floe.engine.StoreHealth} …). Anyone may use it; docs/ARCHITECTURE.md has the layers.
 */
package io.floe.engine;
