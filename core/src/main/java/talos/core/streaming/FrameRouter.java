package talos.core.streaming;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.protocol.ProtocolException;
import talos.protocol.ReceivedFrames;
import talos.protocol.ReceivedFrames.Frame;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;

/**
 * Routes the frames stations receive: ties each to its observation and campaign through the
 * station's session, recognises a frame another station (or a repeated delivery) brought already,
 * hands each new frame to the organisation's destinations for it, and records every frame and
 * reception in the store. A station's messages are routed in the order they came: while one waits
 * for a lookup (a session or the organisation's destinations, read once), the next ones of that
 * station wait behind it. Not thread-safe: used on the streaming context only.
 */
final class FrameRouter {

  /** What is counted, for the metrics. */
  record Counters(LongAdder received, LongAdder duplicates, LongAdder forwarded) {
    Counters() {
      this(new LongAdder(), new LongAdder(), new LongAdder());
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(FrameRouter.class);

  private record Pending(String stationId, UUID stationUuid, UUID orgId, ReceivedFrames frames) {
  }

  private final SessionIndex sessions;
  private final DestinationDirectory destinations;
  private final RecentFrames recent;
  private final FrameStore store;
  private final Counters counters;
  private final MessageDigest sha256;
  private final Map<String, ArrayDeque<Pending>> waiting = new HashMap<>();

  FrameRouter(SessionIndex sessions, DestinationDirectory destinations, RecentFrames recent,
              FrameStore store, Counters counters) {
    this.sessions = sessions;
    this.destinations = destinations;
    this.recent = recent;
    this.store = store;
    this.counters = counters;
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  /** @param event a {@code talos.station.frames} publication */
  void accept(JsonObject event) {
    Pending pending;
    try {
      String stationId = event.getString("stationId");
      pending = new Pending(stationId, UUID.fromString(stationId),
          UUID.fromString(event.getString("orgId")),
          ReceivedFrames.fromJson(event.getJsonObject("frame")));
    } catch (ProtocolException | IllegalArgumentException | NullPointerException e) {
      LOG.warn("frames event ignored [reason: {}]", e.getMessage());
      return;
    }
    ArrayDeque<Pending> queue = waiting.get(pending.stationId());
    if (queue != null) {
      queue.add(pending);
      return;
    }
    if (!resolved(pending)) {
      queue = new ArrayDeque<>();
      queue.add(pending);
      waiting.put(pending.stationId(), queue);
      resolveHead(pending.stationId(), queue);
      return;
    }
    route(pending);
  }

  /** Messages waiting for a lookup, of every station. */
  int waiting() {
    return waiting.values().stream().mapToInt(ArrayDeque::size).sum();
  }

  private boolean resolved(Pending pending) {
    if (!destinations.knows(pending.orgId())) {
      return false;
    }
    for (Frame frame : pending.frames().frames()) {
      if (sessions.cached(pending.stationId(), frame.session()) == null) {
        return false;
      }
    }
    return true;
  }

  private void resolveHead(String stationId, ArrayDeque<Pending> queue) {
    Pending head = queue.peek();
    List<Future<?>> lookups = new ArrayList<>();
    if (!destinations.knows(head.orgId())) {
      lookups.add(destinations.load(head.orgId()));
    }
    head.frames().frames().stream().map(Frame::session).distinct()
        .filter(session -> sessions.cached(stationId, session) == null)
        .forEach(session -> lookups.add(sessions.lookUp(stationId, session)));
    Future.join(lookups).onComplete(done -> {
      if (done.failed()) {
        LOG.warn("frames routed without their lookups [station: {}, reason: {}]", stationId,
            done.cause().getMessage());
      }
      route(queue.poll());
      while (!queue.isEmpty() && resolved(queue.peek())) {
        route(queue.poll());
      }
      if (queue.isEmpty()) {
        waiting.remove(stationId);
      } else {
        resolveHead(stationId, queue);
      }
    });
  }

  private void route(Pending pending) {
    long now = System.nanoTime();
    for (Frame frame : pending.frames().frames()) {
      SessionIndex.Owner owner = sessions.cached(pending.stationId(), frame.session());
      if (owner == null) {
        owner = SessionIndex.Owner.NONE;
      }
      byte[] digest = sha256.digest(frame.data());
      UUID frameId = UUID.randomUUID();
      OffsetDateTime receivedAt = OffsetDateTime.ofInstant(frame.time(), ZoneOffset.UTC);
      RecentFrames.First first = recent.firstOrRemember(pending.orgId(), digest, frameId,
          pending.stationUuid(), now);
      if (first != null) {
        counters.duplicates().increment();
        if (!first.stationId().equals(pending.stationUuid())) {
          store.reception(first.frameId(), pending.stationUuid(), owner.observationId(),
              receivedAt, frame.frequency(), frame.rssi(), frame.snr(), false);
        }
        continue;
      }
      counters.received().increment();
      OutgoingFrame outgoing = new OutgoingFrame(frame.data(), pending.stationId(),
          frame.noradId(), frame.time(), frame.rssi(), frame.snr());
      int forwarded = 0;
      for (Outlet outlet : destinations.targets(pending.orgId(), owner.campaignId())) {
        if (outlet.offer(outgoing)) {
          forwarded++;
        }
      }
      counters.forwarded().add(forwarded);
      store.frame(frameId, pending.orgId(), frame.noradId(), owner.observationId(),
          owner.campaignId(), digest, frame.data(), receivedAt, forwarded);
      store.reception(frameId, pending.stationUuid(), owner.observationId(), receivedAt,
          frame.frequency(), frame.rssi(), frame.snr(), true);
    }
  }
}
