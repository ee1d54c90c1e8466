/**
 * Layer: SPI. What an extender implements or receives: task and trigger types (registered in {@link
 * io.floe.engine.spi.NodeTypes}), process launchers, flow-file resolvers and run stores with their batches, settings
 * and errors.
 */
package io.floe.engine.spi;
