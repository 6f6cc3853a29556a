package talos.core.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.core.LifecycleListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs what the cluster does to this node in the node's own words: members joining and leaving
 * (named by their node id), and this node rejoining its cluster after it was cut off or frozen
 * long enough to be declared dead (Hazelcast's split-brain merge). Hazelcast calls it on its own
 * threads; it only logs.
 */
final class ClusterLog implements MembershipListener, LifecycleListener {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterLog.class);

  /** The member attribute in which the Vert.x cluster manager keeps the node id. */
  static final String NODE_ID_ATTRIBUTE = "__vertx.nodeId";

  @Override
  public void memberAdded(MembershipEvent event) {
    if (event.getMember().localMember()) {
      return;
    }
    LOG.info("cluster member joined [node: {}, address: {}, members: {}]",
        nodeId(event.getMember()), event.getMember().getAddress(), event.getMembers().size());
  }

  @Override
  public void memberRemoved(MembershipEvent event) {
    LOG.warn("cluster member left or declared dead [node: {}, address: {}, members: {}]",
        nodeId(event.getMember()), event.getMember().getAddress(), event.getMembers().size());
  }

  @Override
  public void stateChanged(LifecycleEvent event) {
    switch (event.getState()) {
      case MERGING -> LOG.warn("cluster split found: this node rejoins the other part of its"
          + " cluster and gives up its own view of the shared data [state: merging]");
      case MERGED -> LOG.warn("this node rejoined its cluster after a split [state: merged]");
      case MERGE_FAILED -> LOG.error("this node could not rejoin its cluster after a split; restart"
          + " it [state: merge failed]");
      default -> LOG.debug("cluster member state changed [state: {}]", event.getState());
    }
  }

  private static String nodeId(Member member) {
    String nodeId = member.getAttribute(NODE_ID_ATTRIBUTE);
    return nodeId == null ? member.getUuid().toString() : nodeId;
  }
}
