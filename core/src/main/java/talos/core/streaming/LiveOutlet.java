package talos.core.streaming;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import talos.core.live.LiveFeed;

import java.util.Arrays;
import java.util.Base64;

/**
 * Shows frames on the organisation's live feed in the web UI: at most {@value #PER_SECOND} a
 * second (a browser cannot use more), each with the first {@value #HEAD_BYTES} bytes. Frames
 * beyond the rate are dropped from the feed only, and counted.
 */
final class LiveOutlet extends Outlet {

  static final int PER_SECOND = 20;
  static final int HEAD_BYTES = 64;

  private final LiveFeed feed;
  private long second;
  private int sentThisSecond;

  LiveOutlet(Destination destination, LiveFeed feed) {
    super(destination);
    this.feed = feed;
  }

  @Override
  Future<Void> open() {
    stats.state(OutletStats.State.READY);
    return Future.succeededFuture();
  }

  @Override
  Future<Void> close() {
    return Future.succeededFuture();
  }

  @Override
  boolean ready() {
    return true;
  }

  @Override
  void send(OutgoingFrame frame) {
    long now = System.currentTimeMillis() / 1000;
    if (now != second) {
      second = now;
      sentThisSecond = 0;
    }
    if (++sentThisSecond > PER_SECOND) {
      stats.dropped();
      return;
    }
    int head = Math.min(HEAD_BYTES, frame.data().length);
    feed.frame(destination.orgId().toString(), frame.stationId(), new JsonObject()
        .put("noradId", frame.noradId())
        .put("receivedAt", frame.receivedAt().toString())
        .put("size", frame.data().length)
        .put("head", Base64.getEncoder().encodeToString(Arrays.copyOf(frame.data(), head)))
        .put("rssi", frame.rssi())
        .put("snr", frame.snr()));
    stats.sent();
  }
}
