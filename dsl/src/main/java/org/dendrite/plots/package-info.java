/**
 * PNG output of XChart charts ({@code History.plot}, the examples): the one place plots reach
 * the disk, kept apart so that the model classes carry no charting code.
 */
package org.dendrite.plots;
