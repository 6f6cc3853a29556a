/**
 * Satellite element sets: strict readers for TLE/3LE text and OMM JSON that accept what is sound,
 * explain every rejected entry by line or index, field, value and what is allowed, and write
 * canonical TLE lines for an SGP4 propagator.
 */
package talos.core.catalog;
