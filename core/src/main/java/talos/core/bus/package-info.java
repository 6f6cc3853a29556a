/**
 * Conventions of the event bus, said once here.
 *
 * <p>Every address is a constant in {@link talos.core.bus.Addresses}, documented with its request,
 * reply and failure codes. Requests and replies are JSON objects. A consumer answers a failed request
 * with {@link talos.core.bus.ServiceFailure#reply}, so that the caller, on this node or another,
 * sees an HTTP-like code and a message meant for the user; unexpected errors are logged where they
 * happen and travel as a bare 500.
 */
package talos.core.bus;
