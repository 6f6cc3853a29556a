package talos.core.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import talos.core.bus.Addresses;
import talos.core.support.ApiClient;
import talos.core.support.ApiClient.Caller;
import talos.core.support.IssuedSecrets;
import talos.protocol.Channel;
import talos.protocol.StationTopic;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Organisations and stations for gateway tests, created through the REST API as an owner would:
 * each station's key is the one the API shows once.
 */
final class Fleet {

  /** A registered station and its credentials. */
  record Station(String id, String key, String org) {

    String topic(Channel channel) {
      return new StationTopic(org, id, channel).name();
    }

    String commands() {
      return StationTopic.commandFilter(org, id);
    }
  }

  /** An organisation, its owner's API token and its stations. */
  record Organisation(String slug, Caller owner, String token, List<Station> stations) {

    Station station(int index) {
      return stations.get(index);
    }
  }

  private Fleet() {
  }

  /** Signs in a new owner, creates an organisation with {@code count} stations and a token. */
  static Organisation organisation(ApiClient api, String name, int count) {
    Caller owner = api.signIn(name + "-" + UUID.randomUUID().toString().substring(0, 8)
        + "@example.org");
    String slug = api.post(owner, "/api/orgs", new JsonObject().put("name", name + " "
        + System.nanoTime())).expect(201).json().getString("slug");
    List<Station> stations = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      JsonObject created = api.post(owner, "/api/orgs/" + slug + "/stations", station(name + i))
          .expect(201).json();
      IssuedSecrets.record(created.getString("apiKey"));
      stations.add(new Station(created.getString("id"), created.getString("apiKey"), slug));
    }
    String token = api.withToken(owner).headers().get("Authorization").substring("Bearer ".length());
    return new Organisation(slug, owner, token, List.copyOf(stations));
  }

  /** A pointing setpoint of one point, as the protocol writes it. */
  static JsonObject setpoint(double azimuth, double elevation) {
    return new JsonObject().put("v", 1).put("epoch", 1).put("session", "test")
        .put("points", new JsonArray().add(new JsonObject()
            .put("t", Instant.now().toEpochMilli()).put("az", azimuth).put("el", elevation)));
  }

  /** Telemetry with the rotator at the given position, as the protocol writes it. */
  static JsonObject telemetry(double azimuth, double elevation) {
    return new JsonObject().put("v", 1).put("t", Instant.now().toEpochMilli())
        .put("rotator", new JsonObject().put("az", azimuth).put("el", elevation)
            .put("moving", false));
  }

  /** Sends a command to a station through the bus and waits for the reply. */
  static JsonObject command(Vertx vertx, Station station, String channel, JsonObject payload)
      throws Exception {
    return vertx.eventBus().<JsonObject>request(Addresses.GATEWAY_STATION_PREFIX + station.id(),
            new JsonObject().put("channel", channel).put("payload", payload))
        .map(Message::body)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Collects what is published at {@code address} on the bus. */
  static final class Recorder implements AutoCloseable {

    private final List<JsonObject> messages = new CopyOnWriteArrayList<>();
    private final MessageConsumer<JsonObject> consumer;

    Recorder(Vertx vertx, String address) throws Exception {
      consumer = vertx.eventBus().consumer(address, message -> messages.add(message.body()));
      consumer.completion().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Messages about one station, in arrival order. */
    List<JsonObject> of(Station station) {
      return messages.stream().filter(body -> station.id().equals(body.getString("stationId")))
          .toList();
    }

    @Override
    public void close() {
      consumer.unregister();
    }
  }

  private static JsonObject station(String name) {
    return new JsonObject().put("name", name).put("latitude", 52.52).put("longitude", 13.40)
        .put("altitude", 48);
  }
}
