package talos.core.streaming;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.messages.MqttConnAckMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import talos.core.support.ApiClient;
import talos.core.support.ApiClient.Caller;
import talos.core.support.IssuedSecrets;
import talos.core.support.TestServer;
import talos.protocol.Channel;
import talos.protocol.ReceivedFrames;
import talos.protocol.StationTopic;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Verifies the way of a station's frames to a real YAMCS server: a station publishes CCSDS packets
 * as frames over MQTT, the core stores them and forwards them to a {@code yamcs-udp} destination,
 * and YAMCS's own UDP TM data link counts them and its archive holds them, byte for byte.
 */
@Timeout(240)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class YamcsForwardingTest {

  private static final int FRAMES = 50;
  private static final int FRAMES_PER_MESSAGE = 10;
  private static final int NORAD_ID = 25544;
  private static final Duration WAIT = Duration.ofSeconds(30);

  private YamcsServer yamcs;
  private TestServer server;
  private ApiClient api;

  @BeforeAll
  void startYamcsAndCore() {
    yamcs = YamcsServer.start();
    server = TestServer.start();
    api = server.client();
  }

  @AfterAll
  void stopBoth() throws Exception {
    if (server != null) {
      server.close();
    }
    if (yamcs != null) {
      yamcs.close();
    }
  }

  /**
   * Verifies that every frame a station publishes reaches YAMCS as one packet, unchanged, and is
   * listed by the core's API.
   */
  @Test
  void framesPublishedByAStationArriveInYamcsAsPackets() throws Exception {
    // GIVEN an organisation with a station and a yamcs-udp destination for all its frames
    Caller owner = api.signIn("yamcs-" + UUID.randomUUID().toString().substring(0, 8)
        + "@example.org");
    String slug = api.post(owner, "/api/orgs", new JsonObject().put("name", "Mission "
        + System.nanoTime())).expect(201).json().getString("slug");
    JsonObject station = api.post(owner, "/api/orgs/" + slug + "/stations", new JsonObject()
        .put("name", "yamcs-feeder").put("latitude", 52.52).put("longitude", 13.40)
        .put("altitude", 48)).expect(201).json();
    String stationId = station.getString("id");
    String key = station.getString("apiKey");
    IssuedSecrets.record(key);
    JsonObject destination = api.post(owner, "/api/orgs/" + slug + "/destinations",
        new JsonObject().put("name", "yamcs").put("kind", "yamcs-udp").put("host", "127.0.0.1")
            .put("port", yamcs.udpPort()).put("allFrames", true)).expect(201).json();
    String destinationPath = "/api/orgs/" + slug + "/destinations/" + destination.getString("id");
    assertThat(destination.getString("kind")).isEqualTo("yamcs-udp");
    assertThat(destination.getJsonObject("stats").getLong("sent")).isZero();
    long countedBefore = yamcs.receivedPackets();
    List<byte[]> packets = new ArrayList<>();
    for (int i = 0; i < FRAMES; i++) {
      packets.add(CcsdsPackets.telemetry(42, i,
          ("talos frame " + i + " of " + FRAMES).getBytes(StandardCharsets.US_ASCII)));
    }

    // WHEN the station connects with its key and publishes the packets in a few frames messages
    MqttClient mqtt = MqttClient.create(server.node().vertx(), new MqttClientOptions()
        .setClientId(stationId).setUsername(stationId).setPassword(key)
        .setAutoKeepAlive(true));
    Set<Integer> acknowledged = new CopyOnWriteArraySet<>();
    mqtt.publishCompletionHandler(acknowledged::add);
    MqttConnAckMessage connected = wait(mqtt.connect(server.node().mqttPort(), "127.0.0.1"));
    assertThat(connected.code()).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
    String topic = new StationTopic(slug, stationId, Channel.FRAMES).name();
    List<Integer> sent = new ArrayList<>();
    for (int from = 0; from < FRAMES; from += FRAMES_PER_MESSAGE) {
      sent.add(wait(mqtt.publish(topic, frames(packets.subList(from, from + FRAMES_PER_MESSAGE))
          .toJson().toBuffer(), MqttQoS.AT_LEAST_ONCE, false, false)));
    }
    await().atMost(WAIT).until(() -> acknowledged.containsAll(sent));
    wait(mqtt.disconnect());

    // THEN YAMCS's UDP link counts every packet, and its archive holds them as the station sent them
    await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
        .until(() -> yamcs.receivedPackets() - countedBefore >= FRAMES);
    assertThat(yamcs.receivedPackets() - countedBefore).isEqualTo(FRAMES);
    await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
        .until(() -> yamcs.archivedPackets().size() >= FRAMES);
    assertThat(yamcs.archivedPackets()).containsExactlyInAnyOrderElementsOf(packets);

    // AND the core lists the frames as the station's, each forwarded, and counts them as sent
    JsonArray listed = api.get(owner, "/api/orgs/" + slug + "/frames?stationId=" + stationId
        + "&limit=1000&data=true").expect(200).json().getJsonArray("frames");
    assertThat(listed).hasSize(FRAMES);
    List<JsonObject> frames = listed.stream().map(JsonObject.class::cast).toList();
    assertThat(frames).allSatisfy(frame -> {
      assertThat(frame.getInteger("noradId")).isEqualTo(NORAD_ID);
      assertThat(frame.getInteger("forwardedTo")).isEqualTo(1);
      assertThat(frame.getJsonArray("receptions")).singleElement()
          .satisfies(reception -> assertThat(((JsonObject) reception).getString("stationId"))
              .isEqualTo(stationId));
    });
    assertThat(frames.stream().map(frame -> frame.getString("data")).collect(Collectors.toSet()))
        .isEqualTo(packets.stream().map(Base64.getEncoder()::encodeToString)
            .collect(Collectors.toSet()));
    await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() ->
        api.get(owner, destinationPath).expect(200).json().getJsonObject("stats")
            .getLong("sent") == FRAMES);
    JsonObject stats = api.get(owner, destinationPath).expect(200).json().getJsonObject("stats");
    assertThat(stats.getLong("dropped")).isZero();
    assertThat(stats.getLong("queued")).isZero();
  }

  /**
   * Verifies that a {@code yamcs-tcp} destination serves YAMCS's TCP TM data link: the link
   * connects to the port the destination listens on, and counts every packet the station sends.
   */
  @Test
  void framesReachYamcsOverItsTcpLink() throws Exception {
    // GIVEN a station and a yamcs-tcp destination listening where YAMCS's tcp-in link connects
    Caller owner = api.signIn("yamcs-tcp-" + UUID.randomUUID().toString().substring(0, 8)
        + "@example.org");
    String slug = api.post(owner, "/api/orgs", new JsonObject().put("name", "Mission TCP "
        + System.nanoTime())).expect(201).json().getString("slug");
    JsonObject station = api.post(owner, "/api/orgs/" + slug + "/stations", new JsonObject()
        .put("name", "tcp-feeder").put("latitude", 52.52).put("longitude", 13.40)
        .put("altitude", 48)).expect(201).json();
    String stationId = station.getString("id");
    String key = station.getString("apiKey");
    IssuedSecrets.record(key);
    api.post(owner, "/api/orgs/" + slug + "/destinations", new JsonObject().put("name", "yamcs tcp")
        .put("kind", "yamcs-tcp").put("host", "127.0.0.1").put("port", yamcs.tcpPort())
        .put("allFrames", true)).expect(201);
    long countedBefore = yamcs.receivedPackets(YamcsServer.TCP_LINK);
    List<byte[]> packets = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      packets.add(CcsdsPackets.telemetry(43, i,
          ("talos tcp frame " + i).getBytes(StandardCharsets.US_ASCII)));
    }

    // WHEN the station publishes them (they wait in the destination's queue until YAMCS connects)
    MqttClient mqtt = MqttClient.create(server.node().vertx(), new MqttClientOptions()
        .setClientId(stationId).setUsername(stationId).setPassword(key).setAutoKeepAlive(true));
    wait(mqtt.connect(server.node().mqttPort(), "127.0.0.1"));
    wait(mqtt.publish(new StationTopic(slug, stationId, Channel.FRAMES).name(),
        frames(packets).toJson().toBuffer(), MqttQoS.AT_LEAST_ONCE, false, false));

    // THEN YAMCS's TCP link, which retries every 10 s, connects and counts every packet
    await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500))
        .until(() -> yamcs.receivedPackets(YamcsServer.TCP_LINK) - countedBefore >= packets.size());
    assertThat(yamcs.receivedPackets(YamcsServer.TCP_LINK) - countedBefore).isEqualTo(packets.size());
    wait(mqtt.disconnect());
  }

  /** The packets as one frames message, received a millisecond apart. */
  private static ReceivedFrames frames(List<byte[]> packets) {
    Instant start = Instant.now();
    List<ReceivedFrames.Frame> frames = new ArrayList<>();
    for (int i = 0; i < packets.size(); i++) {
      frames.add(new ReceivedFrames.Frame(start.plusMillis(i), NORAD_ID, null, 437_800_000L,
          packets.get(i), -110.5, 9.0));
    }
    return new ReceivedFrames(frames);
  }

  private static <T> T wait(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
