/**
 * Layer: internal. The built-in node types and the process machinery (local and posix_spawn launchers, process guards);
 * extenders implement the SPI in io.floe.engine.spi instead.
 */
package io.floe.engine.node;
