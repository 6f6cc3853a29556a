/**
 * The HTTP front door: the router built from the OpenAPI contract, problem responses, health checks and metrics.
 */
package talos.core.http;
