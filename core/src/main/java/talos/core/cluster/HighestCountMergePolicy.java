package talos.core.cluster;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.spi.merge.MergingValue;
import com.hazelcast.spi.merge.SplitBrainMergePolicy;

/**
 * How the cluster-wide counters ({@code vertx.sharedData().getCounter(…)}, kept by the cluster
 * manager in the map {@code __vertx.map.counter}) come together after a split brain: the higher
 * count wins. Counters here only grow (the director's ownership epochs), so the higher count is
 * the one that saw every increment of its side; Hazelcast's default keeps the count of whichever
 * side it merges into, which may be the side that was frozen, and an epoch would then be handed out
 * twice. Named in {@code conf/cluster.xml}; Hazelcast creates it by class name on every member.
 *
 * @param <T> the merge types of the map
 */
public final class HighestCountMergePolicy<T extends MergingValue<Object>>
    implements SplitBrainMergePolicy<Object, T, Object> {

  @Override
  public Object merge(T merging, T existing) {
    if (existing == null) {
      return merging.getRawValue();
    }
    if (merging.getValue() instanceof Long incoming && existing.getValue() instanceof Long kept
        && incoming > kept) {
      return merging.getRawValue();
    }
    return existing.getRawValue();
  }

  @Override
  public void writeData(ObjectDataOutput out) {
    // no state
  }

  @Override
  public void readData(ObjectDataInput in) {
    // no state
  }
}
