/**
 * Cluster membership through Hazelcast, and the view of it that features use.
 */
package talos.core.cluster;
