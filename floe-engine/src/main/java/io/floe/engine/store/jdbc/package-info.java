/**
 * Layer: store support, not API. The JDBC row code both SQL stores share (run rows, flow definitions, listing keys,
 * batch changes, filters, page merging); only store implementations may use it: the engine's local store and store
 * modules (io.floe.store..), as EngineBoundary checks. It is a package and not a floe-store-jdbc module because a
 * module would be a cycle: the engine's SQLite store needs it, and it needs the engine's types.
 */
package io.floe.engine.store.jdbc;
