package talos.core.streaming;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import talos.core.bus.Addresses;
import talos.core.support.ApiClient;
import talos.core.support.ApiClient.Caller;
import talos.core.support.IssuedSecrets;
import talos.core.support.TestServer;
import talos.protocol.ReceivedFrames;
import talos.protocol.ReceivedFrames.Frame;
import talos.protocol.StationTopic;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Verifies streaming on a whole node, with stations publishing frames over MQTT: destinations and
 * their checks and roles, a frame heard by two stations forwarded once and recorded twice, and a
 * stalled or unreachable destination that holds up neither another destination nor the station's
 * commands.
 */
@Timeout(180)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamingTest {

  private TestServer server;
  private ApiClient api;
  private Vertx vertx;
  private Caller owner;
  private String slug;
  private final List<MqttClient> clients = new ArrayList<>();

  /** A registered station and its MQTT connection. */
  private record Station(String id, MqttClient mqtt) {
  }

  @BeforeAll
  void startServer() {
    server = TestServer.start();
    api = server.client();
    vertx = Vertx.vertx();
    owner = api.signIn("owner-" + UUID.randomUUID() + "@streaming.test");
  }

  /** Each test has an organisation of its own, so that no destination sees another test's frames. */
  @BeforeEach
  void newOrganisation() {
    slug = api.post(owner, "/api/orgs", new JsonObject().put("name", "Streaming " + System.nanoTime()))
        .expect(201).json().getString("slug");
  }

  @AfterAll
  void stop() throws Exception {
    for (MqttClient client : clients) {
      client.disconnect();
    }
    vertx.close().await(10, TimeUnit.SECONDS);
    server.close();
  }

  /** Each bad field of a destination is refused by name; only owners add them, outsiders see none. */
  @Test
  void destinationsAreCheckedAndManagedByOwners() {
    String destinations = "/api/orgs/" + slug + "/destinations";
    JsonObject good = new JsonObject().put("name", "Mission control").put("kind", "yamcs-udp")
        .put("host", "127.0.0.1");

    assertThat(api.post(owner, destinations, good.copy().put("kind", "carrier-pigeon"))
        .expect(400).json().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("/kind");
    assertThat(api.post(owner, destinations, good.copy().put("host", "http://x/y"))
        .expect(400).json().getString("detail")).startsWith("host: 'http://x/y' is not allowed");
    assertThat(api.post(owner, destinations, new JsonObject().put("name", "No host").put("kind", "udp").put("port", 9))
        .expect(400).json().getString("detail")).startsWith("host:");
    assertThat(api.post(owner, destinations, good.copy().put("port", 70000))
        .expect(400).json().getString("detail")).startsWith("port: '70000' is not allowed");
    assertThat(api.post(owner, destinations, good.copy().put("queueSize", 0))
        .expect(400).json().getString("detail")).startsWith("queueSize:");

    JsonObject created = api.post(owner, destinations, good).expect(201).json();
    assertThat(created.getInteger("port")).as("the YAMCS default port").isEqualTo(10015);
    assertThat(created.getJsonObject("stats").getLong("sent")).isZero();
    api.post(owner, destinations, good).expect(409);

    Caller viewer = member("viewer");
    Caller outsider = api.signIn("outsider-" + UUID.randomUUID() + "@streaming.test");
    api.post(viewer, destinations, good.copy().put("name", "Viewer's")).expect(403);
    assertThat(api.get(viewer, destinations).expect(200).json().getJsonArray("destinations"))
        .extracting(entry -> ((JsonObject) entry).getString("name")).contains("Mission control");
    api.get(outsider, destinations).expect(404);
    api.delete(outsider, destinations + "/" + created.getString("id")).expect(404);
    api.delete(owner, destinations + "/" + created.getString("id")).expect(204);
  }

  /**
   * The same frame from two stations is forwarded once, and stored once with two receptions, the
   * first station's marked first.
   */
  @Test
  void aFrameHeardByTwoStationsIsForwardedOnceAndRecordedTwice() throws Exception {
    Receiver receiver = new Receiver();
    destination("Twice", "udp", receiver.port(), new JsonObject());
    Station first = station("North");
    Station second = station("South");
    byte[] shared = packet(1);
    byte[] onlySecond = packet(2);

    publish(first, List.of(shared));
    receiver.awaitCount(1);
    publish(second, List.of(shared, onlySecond));
    receiver.awaitCount(2);
    // a marker from the first station: everything before it has been forwarded by then
    publish(first, List.of(packet(3)));
    receiver.awaitCount(3);

    assertThat(receiver.received()).as("each frame forwarded once").containsExactlyInAnyOrder(
        ByteBuffer.wrap(shared),
        ByteBuffer.wrap(onlySecond), ByteBuffer.wrap(packet(3)));
    JsonArray frames = await().atMost(Duration.ofSeconds(10)).until(() -> api.get(owner,
            "/api/orgs/" + slug + "/frames?stationId=" + second.id() + "&data=true").expect(200).json()
        .getJsonArray("frames"), list -> list.size() == 2);
    JsonObject sharedFrame = frames.stream().map(JsonObject.class::cast)
        .filter(frame -> frame.getString("data").equals(base64(shared))).findFirst().orElseThrow();
    JsonArray receptions = sharedFrame.getJsonArray("receptions");
    assertThat(receptions).hasSize(2);
    assertThat(receptions.getJsonObject(0).getString("stationId")).isEqualTo(first.id());
    assertThat(receptions.getJsonObject(0).getBoolean("first")).isTrue();
    assertThat(receptions.getJsonObject(1).getString("stationId")).isEqualTo(second.id());
    assertThat(receptions.getJsonObject(1).getBoolean("first")).isFalse();
    assertThat(receptions.getJsonObject(1).getDouble("rssi")).isEqualTo(-100.0);
    JsonArray newest = await().atMost(Duration.ofSeconds(10)).until(() -> api.get(owner,
            "/api/orgs/" + slug + "/frames?stationId=" + first.id() + "&order=desc&limit=1&data=true")
        .expect(200).json().getJsonArray("frames"), list -> list.size() == 1
        && list.getJsonObject(0).getString("data").equals(base64(packet(3))));
    assertThat(newest.getJsonObject(0).getJsonArray("receptions")).hasSize(1);
    api.get(owner, "/api/orgs/" + slug + "/frames?order=sideways").expect(400);
  }

  /**
   * With one destination stalled (a TCP receiver that never reads) and one unreachable, another
   * receives every frame, the stalled one drops only its own beyond its queue, and commands to
   * the station keep arriving at once.
   */
  @Test
  void aStalledDestinationHoldsUpNothingElse() throws Exception {
    NetServer stalled = vertx.createNetServer(new NetServerOptions().setReceiveBufferSize(4096))
        .connectHandler(socket -> socket.pause())
        .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    String stalledId = destination("Stalled", "tcp", stalled.actualPort(),
        new JsonObject().put("queueSize", 50));
    destination("Unreachable", "tcp", freePort(), new JsonObject().put("queueSize", 50));
    Receiver healthy = new Receiver();
    destination("Healthy", "yamcs-udp", healthy.port(), new JsonObject());
    Station station = station("Busy");
    List<Long> commandDelays = new CopyOnWriteArrayList<>();
    String commands = StationTopic.commandFilter(slug, station.id());
    station.mqtt().publishHandler(message -> commandDelays.add(
        System.currentTimeMillis() - message.payload().toJsonObject().getLong("epoch")));
    station.mqtt().subscribe(commands, 1).await(10, TimeUnit.SECONDS);

    // 80 messages of 40 frames of 1 KiB: far more than the stalled receiver's socket and queue take
    int total = 0;
    for (int message = 0; message < 80; message++) {
      List<byte[]> batch = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        batch.add(packet(100_000 + total++, 1024));
      }
      publish(station, batch);
      sendSetpoint(station);
      // one message at a time: a UDP receiver in the test drops what its socket buffer cannot hold
      healthy.awaitCount(total);
    }

    assertThat(healthy.received()).hasSize(total);
    JsonObject stats = await().atMost(Duration.ofSeconds(10)).until(() -> api.get(owner,
            "/api/orgs/" + slug + "/destinations/" + stalledId).expect(200).json().getJsonObject("stats"),
        figures -> figures.getLong("dropped") > 0);
    assertThat(stats.getInteger("queued")).isLessThanOrEqualTo(50);
    await().atMost(Duration.ofSeconds(10)).until(() -> commandDelays.size() == 80);
    assertThat(commandDelays).allSatisfy(delay -> assertThat(delay).isLessThan(1_000L));
    stalled.close();
  }

  private void sendSetpoint(Station station) {
    JsonObject setpoint = new JsonObject().put("v", 1).put("epoch", System.currentTimeMillis())
        .put("session", "busy").put("points", new JsonArray().add(new JsonObject()
            .put("t", System.currentTimeMillis() + 1_000).put("az", 120.0).put("el", 30.0)));
    server.node().vertx().eventBus().request(Addresses.GATEWAY_STATION_PREFIX + station.id(),
        new JsonObject().put("channel", "cmd/rot").put("payload", setpoint));
  }

  private String destination(String name, String kind, int port, JsonObject extra) {
    return api.post(owner, "/api/orgs/" + slug + "/destinations", new JsonObject()
            .put("name", name).put("kind", kind).put("host", "127.0.0.1").put("port", port)
            .put("allFrames", true).mergeIn(extra))
        .expect(201).json().getString("id");
  }

  private Station station(String name) throws Exception {
    JsonObject created = api.post(owner, "/api/orgs/" + slug + "/stations", new JsonObject()
            .put("name", name + " " + System.nanoTime()).put("latitude", 52.5).put("longitude", 13.4)
            .put("altitude", 40))
        .expect(201).json();
    String id = created.getString("id");
    String key = created.getString("apiKey");
    IssuedSecrets.record(key);
    MqttClient client = MqttClient.create(vertx, new MqttClientOptions().setClientId(id)
        .setUsername(id).setPassword(key).setAutoKeepAlive(true).setMaxInflightQueue(1_000));
    client.connect(server.node().mqttPort(), "127.0.0.1").await(10, TimeUnit.SECONDS);
    clients.add(client);
    return new Station(id, client);
  }

  private void publish(Station station, List<byte[]> packets) throws Exception {
    List<Frame> frames = new ArrayList<>();
    for (byte[] packet : packets) {
      frames.add(new Frame(Instant.now(), 25544, null, 437_800_000L, packet, -100.0, 8.5));
    }
    station.mqtt().publish(new StationTopic(slug, station.id(), talos.protocol.Channel.FRAMES).name(),
        new ReceivedFrames(frames).toJson().toBuffer(), MqttQoS.AT_LEAST_ONCE, false, false)
        .await(10, TimeUnit.SECONDS);
  }

  private Caller member(String role) {
    Caller member = api.signIn(role + "-" + UUID.randomUUID() + "@streaming.test");
    String request = api.post(member, "/api/orgs/" + slug + "/join-requests", new JsonObject())
        .expect(201).json().getString("id");
    api.post(owner, "/api/orgs/" + slug + "/join-requests/" + request + "/approve",
        new JsonObject().put("role", role)).expect(200);
    return member;
  }

  /** A CCSDS-like packet whose bytes are unique to {@code number}. */
  private static byte[] packet(int number) {
    return packet(number, 64);
  }

  private static byte[] packet(int number, int size) {
    ByteBuffer packet = ByteBuffer.allocate(size);
    packet.putShort((short) 0x0864).putShort((short) (0xc000 | (number & 0x3fff)))
        .putShort((short) (size - 7)).putInt(number);
    return packet.array();
  }

  private static String base64(byte[] bytes) {
    return java.util.Base64.getEncoder().encodeToString(bytes);
  }

  private static int freePort() throws Exception {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** A UDP receiver on loopback that keeps every datagram. */
  private final class Receiver {
    private final DatagramSocket socket;
    private final Set<ByteBuffer> received = ConcurrentHashMap.newKeySet();
    private final List<ByteBuffer> all = new CopyOnWriteArrayList<>();

    Receiver() throws Exception {
      socket = vertx.createDatagramSocket().listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
      socket.handler(packet -> {
        ByteBuffer bytes = ByteBuffer.wrap(packet.data().getBytes());
        received.add(bytes);
        all.add(bytes);
      });
    }

    int port() {
      return socket.localAddress().port();
    }

    void awaitCount(int count) {
      await().atMost(Duration.ofSeconds(30)).until(() -> all.size() >= count);
    }

    /** Every datagram, duplicates included. */
    List<ByteBuffer> received() {
      return all;
    }
  }
}
