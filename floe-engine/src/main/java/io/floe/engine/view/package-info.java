/**
 * Layer: API. What a run looks like to a person (the run view, its nodes, run summaries); anyone may use it.
 */
package io.floe.engine.view;
