/**
 * The control server: start-up and shutdown of a node, and the catalogue of its feature verticles.
 */
package talos.core;
