package talos.core.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.ListenerConfig;
import com.hazelcast.spi.merge.MergingValue;
import org.junit.jupiter.api.Test;
import talos.core.config.CoreConfig;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Verifies the Hazelcast settings a node starts with, and how counters merge after a split. */
class ClusterSetupTest {

  private static final CoreConfig.Cluster SETTINGS = new CoreConfig.Cluster(true, "test",
      "127.0.0.1", 15801, List.of("127.0.0.1:15802"));

  /** Verifies the failure detection the takeover timing is built on. */
  @Test
  void testTheShippedSettingsDetectAFrozenMemberWithinTwoHeartbeats() {
    Config config = ClusterSetup.hazelcastConfig(SETTINGS);

    assertThat(config.getProperty("hazelcast.heartbeat.interval.seconds")).isEqualTo("1");
    assertThat(config.getProperty("hazelcast.max.no.heartbeat.seconds")).isEqualTo("2");
    assertThat(config.getProperty("hazelcast.heartbeat.failuredetector.type"))
        .isEqualTo("deadline");
    assertThat(config.getProperty("hazelcast.connection.monitor.max.faults")).isEqualTo("3");
    assertThat(config.getProperty("hazelcast.merge.next.run.delay.seconds")).isEqualTo("5");
    assertThat(config.getClusterName()).isEqualTo("test");
    assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers())
        .containsExactly("127.0.0.1:15802");
  }

  /** Verifies that membership and merges are logged, and counters keep their highest count. */
  @Test
  void testMembershipIsLoggedAndCountersMergeToTheHighestCount() {
    Config config = ClusterSetup.hazelcastConfig(SETTINGS);

    assertThat(config.getListenerConfigs()).extracting(ListenerConfig::getImplementation)
        .hasAtLeastOneElementOfType(ClusterLog.class);
    assertThat(config.getMapConfig("__vertx.map.counter").getMergePolicyConfig().getPolicy())
        .isEqualTo(HighestCountMergePolicy.class.getName());
    assertThat(config.getMapConfig("__vertx.map.counter").getBackupCount()).isEqualTo(1);
  }

  /** Verifies that the higher of two counts wins whichever side it comes from. */
  @Test
  void testTheHigherCountWinsAMerge() {
    HighestCountMergePolicy<MergingValue<Object>> policy = new HighestCountMergePolicy<>();

    assertThat(policy.merge(count(7), count(5))).isEqualTo("raw 7");
    assertThat(policy.merge(count(5), count(7))).isEqualTo("raw 7");
    assertThat(policy.merge(count(6), count(6))).isEqualTo("raw 6");
    assertThat(policy.merge(count(3), null)).isEqualTo("raw 3");
  }

  private static MergingValue<Object> count(long value) {
    return new MergingValue<>() {
      @Override
      public Object getValue() {
        return value;
      }

      @Override
      public Object getRawValue() {
        return "raw " + value;
      }
    };
  }
}
