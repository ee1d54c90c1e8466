/**
 * Layer: API. Events, the references they carry (runs, flows, nodes) and their tags; anyone may use it.
 */
package io.floe.engine.event;
