package talos.agent;

import org.junit.jupiter.api.Test;
import talos.protocol.PointingSetpoints.Point;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Merging setpoint messages into one track and reading it around the present. */
class TrackTest {

  private static final Instant T0 = Instant.parse("2026-03-20T12:00:00Z");

  private final Track<Point> track = new Track<>(Point::time, Duration.ofSeconds(3));

  /** A message of the same epoch replaces the points of its own span and keeps the others. */
  @Test
  void mergesMessagesOfTheSameEpoch() {
    // GIVEN a track of four points, one a second
    track.merge(1, List.of(point(0, 10), point(1, 11), point(2, 12), point(3, 13)), T0);

    // WHEN a message covering seconds 1.5 to 2.5 arrives
    track.merge(1, List.of(point(1.5, 50), point(2.5, 52)), T0);

    // THEN the points in that span are replaced, the others kept
    assertThat(track.after(T0.plusMillis(1100))).map(Point::azimuth).contains(50.0);
    assertThat(track.after(T0.plusMillis(1600))).map(Point::azimuth).contains(52.0);
    assertThat(track.after(T0.plusMillis(2600))).map(Point::azimuth).contains(13.0);
    assertThat(track.lastTime()).isEqualTo(at(3));
  }

  /** A message of a higher epoch replaces the whole track. */
  @Test
  void replacesTheTrackOnAHigherEpoch() {
    // GIVEN a track of epoch 1
    track.merge(1, List.of(point(0, 10), point(10, 20)), T0);

    // WHEN a message of epoch 2 arrives
    track.merge(2, List.of(point(1, 99)), T0);

    // THEN only its point remains
    assertThat(track.before(T0.plusSeconds(2))).map(Point::azimuth).contains(99.0);
    assertThat(track.after(T0.plusSeconds(2))).isEmpty();
    assertThat(track.lastTime()).isEqualTo(at(1));
  }

  /** A point older than the staleness limit is never handed out; whole stale messages are seen. */
  @Test
  void neverHandsOutAStalePoint() {
    // GIVEN a track with one point
    track.merge(1, List.of(point(0, 10)), T0);

    // WHEN it is read 2 s and 4 s later
    // THEN it is there within the 3 s limit only
    assertThat(track.before(T0.plusSeconds(2))).isPresent();
    assertThat(track.before(T0.plusSeconds(4))).isEmpty();
    assertThat(track.isStale(List.of(point(0, 10)), T0.plusSeconds(4))).isTrue();
    assertThat(track.isStale(List.of(point(0, 10), point(2, 12)), T0.plusSeconds(4))).isFalse();
  }

  /** Clearing forgets the points but keeps the epoch, so older epochs do not refill it. */
  @Test
  void keepsTheEpochWhenCleared() {
    // GIVEN a cleared track of epoch 5
    track.merge(5, List.of(point(0, 10)), T0);
    track.clear();

    // WHEN a message of epoch 5 arrives
    track.merge(5, List.of(point(1, 11)), T0);

    // THEN it is merged into the empty track
    assertThat(track.lastTime()).isEqualTo(at(1));
    assertThat(track.before(T0)).isEmpty();
  }

  private static Point point(double seconds, double azimuth) {
    return new Point(at(seconds), azimuth, 45);
  }

  private static Instant at(double seconds) {
    return T0.plusMillis(Math.round(seconds * 1000));
  }
}
