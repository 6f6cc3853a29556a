package talos.benchmarks;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Recorder;
import talos.core.bus.Addresses;
import talos.protocol.Channel;
import talos.protocol.StationEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Stands in for the MQTT gateway in the director load, one instance per CPU like the gateway: it
 * consumes {@code talos.gateway.station.{id}} and {@code talos.gateway.state.{id}} of the stations
 * its instance holds. It reports every station connected, acknowledges session commands the way an
 * agent does (a reply, then an {@code ack} event on {@link Addresses#STATION_EVENTS}), and counts
 * the setpoints handed over: per station and channel, with the ticks a station went without
 * setpoints, and the age of each pointing message (its first point is tagged with the tick's time).
 */
final class StandInGateway extends VerticleBase {

  /** What the instances share: the stations, their counters and the measurement window. */
  static final class Board {

    private final List<String> stations;
    private final int instances;
    private final long periodMillis;
    private final AtomicInteger nextInstance = new AtomicInteger();
    private final AtomicLongArray pointing;
    private final AtomicLongArray radio;
    private final AtomicLongArray missed;
    private final AtomicInteger streaming = new AtomicInteger();
    private final LongAdder wrong = new LongAdder();
    private final LongAdder commands = new LongAdder();
    private final Recorder ages = new Recorder(TimeUnit.MINUTES.toMicros(1), 3);
    private volatile boolean measuring;

    /**
     * @param stations the ids of the stations, in the order their counters are read
     * @param rate the director's ticks per second
     */
    Board(List<String> stations, int instances, int rate) {
      this.stations = List.copyOf(stations);
      this.instances = instances;
      this.periodMillis = 1000 / rate;
      this.pointing = new AtomicLongArray(stations.size());
      this.radio = new AtomicLongArray(stations.size());
      this.missed = new AtomicLongArray(stations.size());
    }

    /** Starts counting: the counters of the window are cleared. */
    void measure() {
      for (int i = 0; i < stations.size(); i++) {
        pointing.set(i, 0);
        radio.set(i, 0);
        missed.set(i, 0);
      }
      wrong.reset();
      ages.reset();
      measuring = true;
    }

    /** Stops counting; the counters keep what the window saw. */
    void stop() {
      measuring = false;
    }

    /** How many stations have received setpoints so far. */
    int streaming() {
      return streaming.get();
    }

    /** Session commands (start, park) acknowledged so far. */
    long commands() {
      return commands.sum();
    }

    long pointing(int station) {
      return pointing.get(station);
    }

    long radio(int station) {
      return radio.get(station);
    }

    /** Ticks that passed without setpoints for a station, seen from the gaps between its messages. */
    long missed(int station) {
      return missed.get(station);
    }

    /** Setpoint messages whose epoch went down or whose tick time did not move forward. */
    long wrong() {
      return wrong.sum();
    }

    int size() {
      return stations.size();
    }

    /** The ages of the pointing messages of the window, in microseconds, and a new window. */
    org.HdrHistogram.Histogram ages() {
      return ages.getIntervalHistogram();
    }
  }

  /** What an instance knows of one of its stations; touched only on the instance's event loop. */
  private static final class Seen {

    private final int index;
    private final String stationId;
    private long epoch = -1;
    private long tick = Long.MIN_VALUE;

    private Seen(int index, String stationId) {
      this.index = index;
      this.stationId = stationId;
    }
  }

  private final Board board;

  StandInGateway(Board board) {
    this.board = board;
  }

  @Override
  public Future<?> start() {
    int instance = board.nextInstance.getAndIncrement();
    EventBus bus = vertx.eventBus();
    List<Future<Void>> registered = new ArrayList<>();
    for (int i = instance; i < board.stations.size(); i += board.instances) {
      Seen seen = new Seen(i, board.stations.get(i));
      registered.add(bus.<JsonObject>consumer(Addresses.GATEWAY_STATION_PREFIX + seen.stationId,
          message -> command(seen, message)).completion());
      registered.add(bus.<JsonObject>consumer(Addresses.GATEWAY_STATE_PREFIX + seen.stationId,
          message -> message.reply(new JsonObject().put("connected", true))).completion());
    }
    return Future.all(registered);
  }

  private void command(Seen seen, Message<JsonObject> message) {
    JsonObject body = message.body();
    String channel = body.getString("channel", "");
    JsonObject payload = body.getJsonObject("payload");
    if (channel.equals(Channel.SESSION.suffix())) {
      board.commands.increment();
      message.reply(new JsonObject());
      vertx.eventBus().publish(Addresses.STATION_EVENTS, new JsonObject()
          .put("stationId", seen.stationId)
          .put("event", StationEvent.ack(Instant.now(), payload.getString("id"), "done").toJson()));
    } else if (channel.equals(Channel.ROTATOR.suffix())) {
      pointing(seen, payload);
    } else if (channel.equals(Channel.RADIO.suffix()) && board.measuring) {
      board.radio.incrementAndGet(seen.index);
    }
  }

  private void pointing(Seen seen, JsonObject payload) {
    long epoch = payload.getLong("epoch");
    JsonArray points = payload.getJsonArray("points");
    long tick = points.getJsonObject(0).getLong("t");
    if (seen.epoch < 0) {
      board.streaming.incrementAndGet();
    } else if (epoch < seen.epoch || tick <= seen.tick) {
      board.wrong.increment();
    }
    if (board.measuring) {
      board.pointing.incrementAndGet(seen.index);
      board.ages.recordValue(Math.max(0, currentMicros() - tick * 1000));
      long gap = tick - seen.tick;
      if (seen.epoch >= 0 && gap * 2 > board.periodMillis * 3) {
        board.missed.addAndGet(seen.index, Math.round((double) gap / board.periodMillis) - 1);
      }
    }
    seen.epoch = epoch;
    seen.tick = tick;
  }

  private static long currentMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
  }
}
