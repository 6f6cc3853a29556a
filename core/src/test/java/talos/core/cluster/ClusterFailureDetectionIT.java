package talos.core.cluster;

import com.hazelcast.core.LifecycleEvent;
import io.vertx.core.Future;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.Counter;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.core.CoreNode;
import talos.core.support.ServerProcess;
import talos.core.support.TestConfigs;
import talos.core.support.TestDatabase;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Measures how fast a node sees another node of its cluster gone, with the shipped
 * {@code conf/cluster.xml}: a member killed with SIGKILL (its connections close) and a member
 * frozen with SIGSTOP (its connections stay open, only heartbeats stop). The member is the packaged
 * server run as a process; the survivor runs in this JVM. Counters whose partitions the lost member
 * owned must answer again soon after, with no increment lost, and a frozen member that resumes
 * must see that it was dropped and rejoin through Hazelcast's split-brain merge.
 */
@Timeout(90)
public class ClusterFailureDetectionIT {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterFailureDetectionIT.class);
  /** Measured about 0.3–0.5 s: refused reconnections, three faults 100 ms apart. */
  public static final Duration KILL_DETECTED_WITHIN = Duration.ofMillis(1500);
  /** Measured 1.9–2.9 s: two seconds without a heartbeat, checked once a second. */
  public static final Duration FREEZE_DETECTED_WITHIN = Duration.ofMillis(3500);
  private static final int COUNTERS = 16;

  @TempDir
  Path workDir;

  private CoreNode survivor;
  private ServerProcess member;

  @BeforeEach
  void startTwoNodes() throws Exception {
    String databaseUrl = TestDatabase.newDatabaseUrl();
    String cluster = "detect-" + UUID.randomUUID();
    int survivorPort = ServerProcess.freePort();
    int memberPort = ServerProcess.freePort();
    String members = "127.0.0.1:" + survivorPort + ",127.0.0.1:" + memberPort;
    survivor = CoreNode.start(TestConfigs.node(new JsonObject()
            .put("DATABASE_URL", databaseUrl)
            .put("TALOS_FEATURES", "node")
            .put("TALOS_CLUSTER", "true")
            .put("TALOS_CLUSTER_NAME", cluster)
            .put("TALOS_CLUSTER_HOST", "127.0.0.1")
            .put("TALOS_CLUSTER_PORT", String.valueOf(survivorPort))
            .put("TALOS_CLUSTER_MEMBERS", members)
            .put("TALOS_DATA_DIR", workDir.resolve("survivor").toString())))
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    member = ServerProcess.start(workDir, Map.of(
        "DATABASE_URL", databaseUrl,
        "TALOS_DATA_DIR", workDir.resolve("member").toString(),
        "TALOS_FEATURES", "node,http",
        "TALOS_CLUSTER", "true",
        "TALOS_CLUSTER_NAME", cluster,
        "TALOS_CLUSTER_HOST", "127.0.0.1",
        "TALOS_CLUSTER_PORT", String.valueOf(memberPort),
        "TALOS_CLUSTER_MEMBERS", members));
    member.awaitReady(Duration.ofSeconds(60));
    await().atMost(Duration.ofSeconds(10)).until(() -> members() == 2);
    // every counter once, so that about half of them live on the member's partitions
    assertThat(increments()).containsOnly(1L);
  }

  @AfterEach
  void stopBoth() throws Exception {
    if (member != null) {
      member.close();
    }
    if (survivor != null) {
      survivor.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /** A killed member is gone for the survivor well within 2 s, and its counters answer at once. */
  @Test
  void testAKilledMemberIsDetectedWellWithinTwoSeconds() throws Exception {
    // WHEN the member is killed
    long killedAt = System.nanoTime();
    member.process().destroyForcibly();

    // THEN the survivor sees it gone
    Duration detected = awaitMembers(1, killedAt);
    LOG.info("killed member detected [after: {} ms]", detected.toMillis());
    assertThat(detected).isLessThan(KILL_DETECTED_WITHIN);
    // AND every counter answers with its count intact, the member's partitions from backups
    assertThat(increments()).containsOnly(2L);
    Duration answered = Duration.ofNanos(System.nanoTime() - killedAt);
    LOG.info("counters answered after a kill [after: {} ms]", answered.toMillis());
    assertThat(answered).isLessThan(Duration.ofSeconds(3));
  }

  /**
   * A frozen member is gone for the survivor within 3.5 s; when it resumes it sees that it was
   * dropped, rejoins through a split-brain merge, and no counter goes back.
   */
  @Test
  void testAFrozenMemberIsDetectedAndRejoinsWhenItResumes() throws Exception {
    List<LifecycleEvent.LifecycleState> survivorStates = new CopyOnWriteArrayList<>();
    ((HazelcastClusterManager) ((VertxInternal) survivor.vertx()).clusterManager())
        .getHazelcastInstance().getLifecycleService()
        .addLifecycleListener(event -> survivorStates.add(event.getState()));

    // WHEN the member freezes
    long frozenAt = System.nanoTime();
    member.freeze();

    // THEN the survivor sees it gone, and its counters answer, intact
    Duration detected = awaitMembers(1, frozenAt);
    LOG.info("frozen member detected [after: {} ms]", detected.toMillis());
    assertThat(detected).isLessThan(FREEZE_DETECTED_WITHIN);
    assertThat(increments()).containsOnly(2L);
    LOG.info("counters answered after a freeze [after: {} ms]",
        Duration.ofNanos(System.nanoTime() - frozenAt).toMillis());

    // WHEN it resumes
    member.resume();

    // THEN it does not go on as a member: it drops the survivor, which dropped it
    await().atMost(Duration.ofSeconds(5)).until(() -> member.output().contains(
        "cluster member left or declared dead [node: " + survivor.context().cluster().nodeId()));
    // AND one side merges into the other, and both are members of one cluster again
    await().atMost(Duration.ofSeconds(20)).until(() -> members() == 2
        && (member.output().contains("this node rejoined its cluster after a split")
            || survivorStates.contains(LifecycleEvent.LifecycleState.MERGED)));
    // AND no counter lost the increment made while the member was frozen
    assertThat(increments()).containsOnly(3L);
  }

  private int members() {
    return survivor.context().cluster().members().size();
  }

  private Duration awaitMembers(int count, long since) {
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
        .until(() -> members() == count);
    return Duration.ofNanos(System.nanoTime() - since);
  }

  /** Increments every test counter through the survivor and returns the new counts. */
  private List<Long> increments() throws Exception {
    List<Future<Long>> counts = new ArrayList<>();
    IntStream.range(0, COUNTERS).forEach(i -> counts.add(survivor.vertx().sharedData()
        .getCounter("talos.test.detection." + i).compose(Counter::incrementAndGet)));
    return Future.all(counts).map(all -> all.<Long>list())
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
