/**
 * The node feature: identity of a node over the bus and its lifecycle in the audit log.
 */
package talos.core.node;
