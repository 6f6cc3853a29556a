package talos.core.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import talos.core.support.ApiClient;
import talos.core.support.ApiClient.Caller;
import talos.core.support.TestServer;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Verifies the permissions of the web UI's event-bus bridge against a whole node: a browser
 * session hears its own organisations' live feeds and nothing else, cannot send on any address,
 * and gets no socket without a session or from another site.
 */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveBridgeTest {

  private TestServer server;
  private ApiClient api;
  private Vertx vertx;
  private WebSocketClient sockets;
  private Caller alice;
  private Caller bob;
  private String alpha;
  private String bravo;

  @BeforeAll
  void startServerAndOrganisations() {
    server = TestServer.start();
    api = server.client();
    vertx = Vertx.vertx();
    sockets = vertx.createWebSocketClient();
    alice = api.signIn("alice@bridge.test");
    bob = api.signIn("bob@bridge.test");
    api.post(alice, "/api/orgs", new JsonObject().put("slug", "alpha").put("name", "Alpha"))
        .expect(201);
    api.post(bob, "/api/orgs", new JsonObject().put("slug", "bravo").put("name", "Bravo"))
        .expect(201);
    alpha = orgId(alice, "alpha");
    bravo = orgId(bob, "bravo");
  }

  @AfterAll
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
    server.close();
  }

  /** A member hears what is published on their organisation's feed. */
  @Test
  void aMemberHearsTheirOrganisationsFeed() throws Exception {
    Browser browser = open(alice, server.origin());

    browser.send(register(feed(alpha)));
    browser.awaitRegistered(feed(alpha), this::publishMarkers);

    JsonObject frame = browser.next();
    assertThat(frame.getString("type")).isEqualTo("rec");
    assertThat(frame.getString("address")).isEqualTo(feed(alpha));
    assertThat(frame.getJsonObject("body").getString("type")).isEqualTo("marker");
    browser.close();
  }

  /**
   * Listening on another organisation's feed is refused, and nothing published there reaches the
   * socket, not even after the refusal.
   */
  @Test
  void anotherOrganisationsFeedIsRefused() throws Exception {
    Browser browser = open(alice, server.origin());

    browser.send(register(feed(bravo)));
    JsonObject refusal = browser.next();
    assertThat(refusal.getString("type")).isEqualTo("err");
    assertThat(refusal.getString("body")).isIn("rejected", "access_denied");

    // the own feed's marker arrives after anything the other feed could have delivered
    browser.send(register(feed(alpha)));
    browser.awaitRegistered(feed(alpha), () -> {
      publish(bravo, new JsonObject().put("type", "secret"));
      publishMarkers();
    });
    JsonObject next = browser.next();
    assertThat(next.getString("address")).isEqualTo(feed(alpha));
    assertThat(browser.received()).noneMatch(received -> feed(bravo).equals(received.getString("address")));
    browser.close();
  }

  /** Addresses that are not a live feed cannot be listened on, whatever their name. */
  @Test
  void otherAddressesCannotBeListenedOn() throws Exception {
    Browser browser = open(alice, server.origin());

    for (String address : new String[] {"talos.station.telemetry", "talos.auth.authenticate",
        "talos.live.org." + alpha + ".x", "talos.live.org.*"}) {
      browser.send(register(address));
      JsonObject refusal = browser.next();
      assertThat(refusal.getString("type")).as(address).isEqualTo("err");
    }
    browser.close();
  }

  /** Nothing a browser sends or publishes reaches the event bus, its own feed included. */
  @Test
  void aBrowserCannotSendAnything() throws Exception {
    AtomicInteger delivered = new AtomicInteger();
    var probe = server.node().vertx().eventBus().consumer("talos.test.probe",
        message -> delivered.incrementAndGet());
    var own = server.node().vertx().eventBus().consumer(feed(alpha),
        message -> delivered.incrementAndGet());
    Browser browser = open(alice, server.origin());

    for (String type : new String[] {"send", "publish"}) {
      for (String address : new String[] {"talos.test.probe", feed(alpha),
          "talos.auth.authenticate"}) {
        browser.send(new JsonObject().put("type", type).put("address", address)
            .put("body", new JsonObject().put("session", "forged")));
        JsonObject refusal = browser.next();
        assertThat(refusal.getString("type")).as(type + " " + address).isEqualTo("err");
        assertThat(refusal.getString("body")).isIn("rejected", "access_denied");
      }
    }

    assertThat(delivered).hasValue(0);
    probe.unregister();
    own.unregister();
    browser.close();
  }

  /**
   * Without a session cookie or with a forged one the socket is refused with 401, and from another
   * site (the cookie sent along, as a browser would) with 403.
   */
  @Test
  void noSessionOrAnotherSiteGetsNoSocket() {
    Caller forged = new Caller("x", "x", Map.of("Cookie", "talos_session=forged"));
    assertThat(refusal(Caller.ANONYMOUS, server.origin())).isEqualTo(401);
    assertThat(refusal(forged, server.origin())).isEqualTo(401);
    assertThat(refusal(alice, "https://evil.example")).isEqualTo(403);
    assertThat(refusal(alice, null)).isEqualTo(403);
  }

  private int refusal(Caller caller, String origin) {
    Throwable failure = catchThrowable(() -> open(caller, origin));
    assertThat(failure).isInstanceOf(UpgradeRejectedException.class);
    return ((UpgradeRejectedException) failure).getStatus();
  }

  private void publishMarkers() {
    publish(alpha, new JsonObject().put("type", "marker"));
  }

  private void publish(String orgId, JsonObject body) {
    server.node().vertx().eventBus().publish(feed(orgId), body);
  }

  private static String feed(String orgId) {
    return "talos.live.org." + orgId;
  }

  private static JsonObject register(String address) {
    return new JsonObject().put("type", "register").put("address", address);
  }

  private String orgId(Caller caller, String slug) {
    return api.get(caller, "/api/me").expect(200).json().getJsonArray("memberships").stream()
        .map(JsonObject.class::cast)
        .filter(membership -> slug.equals(membership.getString("slug")))
        .findFirst().orElseThrow().getString("orgId");
  }

  /** Opens the bridge's raw WebSocket as a browser would, with the caller's cookie and an origin. */
  private Browser open(Caller caller, String origin) throws Exception {
    URI base = URI.create(server.baseUrl());
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setHost(base.getHost())
        .setPort(base.getPort())
        .setURI("/eventbus/websocket");
    if (origin != null) {
      options.addHeader("Origin", origin);
    }
    String cookie = caller.headers().get("Cookie");
    if (cookie != null) {
      options.addHeader("Cookie", cookie);
    }
    WebSocket socket = sockets.connect(options).await(10, TimeUnit.SECONDS);
    return new Browser(socket);
  }

  /** One bridge connection and the frames it received. */
  private static final class Browser {
    private final WebSocket socket;
    private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    private final List<JsonObject> seen = new CopyOnWriteArrayList<>();

    Browser(WebSocket socket) {
      this.socket = socket;
      // the bridge writes each frame as a binary message holding JSON text
      socket.handler(data -> {
        JsonObject frame = new JsonObject(data);
        seen.add(frame);
        frames.add(frame);
      });
    }

    void send(JsonObject frame) {
      socket.writeTextMessage(frame.encode());
    }

    JsonObject next() throws InterruptedException {
      JsonObject frame = frames.poll(10, TimeUnit.SECONDS);
      assertThat(frame).as("a frame from the bridge within 10 s").isNotNull();
      return frame;
    }

    /**
     * The bridge answers a successful registration with nothing, so publish until the first
     * message of the feed arrives; it stays in the queue for the test to read.
     */
    void awaitRegistered(String address, Runnable publish) {
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
        publish.run();
        return frames.stream().anyMatch(frame -> address.equals(frame.getString("address")));
      });
      frames.removeIf(frame -> !address.equals(frame.getString("address")));
    }

    List<JsonObject> received() {
      return seen;
    }

    void close() {
      socket.close();
    }
  }
}
