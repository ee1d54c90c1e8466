/**
 * Layer: API (a utility). The one JSON form of the engine's values (HTTP API, websocket, store), so hosts write exactly
 * what the engine reads; anyone may use it.
 */
package io.floe.engine.json;
