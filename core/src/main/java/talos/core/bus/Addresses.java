package talos.core.bus;

/**
 * Every event-bus address of the core, in one place. Each constant documents the request it takes,
 * the reply it gives and the failure codes it may answer with (see {@link ServiceFailure}); the same
 * table is in {@code docs/architecture.md}.
 */
public final class Addresses {

  /**
   * Identity of the node that answers. Request: none (an empty object). Reply:
   * {@code {"nodeId", "version", "startedAt", "clustered", "features"}}. Failures: none of its own;
   * a caller sees 503 when no node runs the {@code node} feature.
   */
  public static final String NODE_INFO = "talos.node.info";

  private Addresses() {
  }
}
