package talos.driver;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Verifies closed intervals: their bounds, their checks and how they read in messages. */
class RangeTest {

  /** Both bounds belong to the range. */
  @Test
  void containsBothBounds() {
    // GIVEN an overlap rotator's azimuth travel
    Range travel = new Range(0, 450);

    // WHEN values at and beyond its ends are checked
    // THEN the bounds are in and anything past them is out
    assertThat(travel.contains(0)).isTrue();
    assertThat(travel.contains(450)).isTrue();
    assertThat(travel.contains(225.5)).isTrue();
    assertThat(travel.contains(-0.001)).isFalse();
    assertThat(travel.contains(450.001)).isFalse();
    assertThat(travel.contains(Double.NaN)).isFalse();
  }

  /** A range of a single value holds only that value. */
  @Test
  void mayHoldASingleValue() {
    // GIVEN a range whose ends meet
    Range fixed = new Range(90, 90);

    // WHEN values are checked
    // THEN only that value is in
    assertThat(fixed.contains(90)).isTrue();
    assertThat(fixed.contains(89.9)).isFalse();
  }

  /** A range upside down, or with a bound that is not a number, is refused. */
  @Test
  void refusesBoundsInTheWrongOrder() {
    // GIVEN bounds the wrong way round, or NaN
    // WHEN a range is made
    // THEN it is refused, naming the bounds
    assertThatThrownBy(() -> new Range(450, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("range [450.0, 0.0] has min above max");
    assertThatThrownBy(() -> new Range(Double.NaN, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Whole bounds read without decimals, others with them. */
  @Test
  void readsNaturallyInMessages() {
    // GIVEN ranges with whole and fractional bounds
    // WHEN they are shown
    // THEN whole numbers have no decimal point
    assertThat(new Range(0, 450)).hasToString("[0, 450]");
    assertThat(new Range(-5.5, 185)).hasToString("[-5.5, 185]");
    assertThat(new Range(1e6, 6e9)).hasToString("[1000000, 6000000000]");
  }
}
