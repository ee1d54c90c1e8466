/**
 * Layer: internal. The built-in stores: memory and local (SQLite in WAL mode, task logs as files). Opened through
 * {@link io.floe.engine.run.RunStores}.
 */
package io.floe.engine.store.local;
