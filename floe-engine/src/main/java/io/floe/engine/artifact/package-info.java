/**
 * Layer: API. Reading the files runs kept (and the artifact hook a host implements); anyone may use it.
 */
package io.floe.engine.artifact;
