package talos.core.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.ListenerConfig;
import com.hazelcast.config.TcpIpConfig;
import com.hazelcast.config.XmlConfigBuilder;
import io.github.bucket4j.grid.hazelcast.HazelcastProxyManager;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import talos.core.config.CoreConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns the cluster settings into a Hazelcast cluster manager: {@code conf/cluster.xml} (from the
 * working folder, else from the jar) with the name, address, port and members of the configuration
 * filled in, and {@link ClusterLog} listening to membership and split-brain merges.
 */
public final class ClusterSetup {

  /** The Hazelcast settings file, resolved against the working folder and then the classpath. */
  public static final String CLUSTER_XML = "conf/cluster.xml";

  private static final int BUCKET4J_TYPE_ID_BASE = 1000;

  private ClusterSetup() {
  }

  public static HazelcastClusterManager clusterManager(CoreConfig.Cluster settings) {
    return new HazelcastClusterManager(hazelcastConfig(settings));
  }

  /** The event bus listens on the cluster address, on a free port that the cluster announces. */
  public static EventBusOptions eventBusOptions(CoreConfig.Cluster settings) {
    return new EventBusOptions().setHost(settings.host()).setPort(0);
  }

  static Config hazelcastConfig(CoreConfig.Cluster settings) {
    Config config = load();
    config.setClusterName(settings.name());
    config.setProperty("hazelcast.local.localAddress", settings.host());
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.getNetworkConfig().setPort(settings.port());

    TcpIpConfig tcpIp = config.getNetworkConfig().getJoin().getTcpIpConfig();
    tcpIp.setEnabled(true).clear();
    settings.members().forEach(tcpIp::addMember);
    config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);

    config.addListenerConfig(new ListenerConfig(new ClusterLog()));

    // compact serialisation of the rate-limit buckets shared by all members
    HazelcastProxyManager.addCustomSerializers(config.getSerializationConfig(), BUCKET4J_TYPE_ID_BASE);
    return config;
  }

  private static Config load() {
    Path file = Path.of(CLUSTER_XML);
    try (InputStream in = Files.isRegularFile(file)
        ? Files.newInputStream(file)
        : ClusterSetup.class.getClassLoader().getResourceAsStream(CLUSTER_XML)) {
      if (in == null) {
        throw new IllegalStateException(CLUSTER_XML + " is neither in the working folder nor in the jar");
      }
      return new XmlConfigBuilder(in).build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + CLUSTER_XML, e);
    }
  }
}
