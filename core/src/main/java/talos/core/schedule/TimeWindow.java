package talos.core.schedule;

import java.time.Instant;
import java.util.Objects;

/** A half-open interval of time {@code [start, end)}. */
public record TimeWindow(Instant start, Instant end) {

  /** @throws IllegalArgumentException when {@code end} is not after {@code start} */
  public TimeWindow {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("window end " + end + " is not after its start " + start);
    }
  }

  public boolean overlaps(TimeWindow other) {
    return start.isBefore(other.end) && other.start.isBefore(end);
  }

  public boolean contains(TimeWindow other) {
    return !other.start.isBefore(start) && !other.end.isAfter(end);
  }
}
