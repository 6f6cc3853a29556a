package talos.core.cluster;

import io.vertx.core.spi.cluster.ClusterManager;

import java.util.List;
import java.util.UUID;

/**
 * What this node knows about the cluster it belongs to. A node that runs alone is a cluster of one,
 * with a node id of its own, so features need not tell the two cases apart.
 */
public interface ClusterView {

  boolean clustered();

  String nodeId();

  /** Node ids of the live members, this node included. */
  List<String> members();

  /** Whether this node takes part in its cluster: always for a node alone. */
  boolean active();

  static ClusterView standalone() {
    String nodeId = UUID.randomUUID().toString();
    return new ClusterView() {
      @Override
      public boolean clustered() {
        return false;
      }

      @Override
      public String nodeId() {
        return nodeId;
      }

      @Override
      public List<String> members() {
        return List.of(nodeId);
      }

      @Override
      public boolean active() {
        return true;
      }
    };
  }

  static ClusterView of(ClusterManager manager) {
    return new ClusterView() {
      @Override
      public boolean clustered() {
        return true;
      }

      @Override
      public String nodeId() {
        return manager.getNodeId();
      }

      @Override
      public List<String> members() {
        return manager.getNodes();
      }

      @Override
      public boolean active() {
        return manager.isActive();
      }
    };
  }
}
