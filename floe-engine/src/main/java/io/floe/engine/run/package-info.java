/**
 * Layer: API. The run value types (RunRecord, NodeRecord, StoredRun, RunQuery, RunPage, RunStatus …) and opening a
 * store by type ({@link io.floe.engine.run.RunStores}); anyone may use it.
 */
package io.floe.engine.run;
