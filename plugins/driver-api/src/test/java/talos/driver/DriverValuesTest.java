package talos.driver;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Verifies the small values of the SPI: positions, failure codes, failures and health. */
class DriverValuesTest {

  /** A position must be a finite direction; anything else is an invalid argument. */
  @Test
  void refusesAPositionThatIsNotFinite() {
    // GIVEN a computed azimuth that went wrong
    // WHEN a position is made from it
    DriverException refused = catchThrowableOfType(DriverException.class,
        () -> new Position(Double.NaN, 45));

    // THEN it is refused as an invalid argument naming the values
    assertThat(refused.code()).isEqualTo(FailureCode.INVALID_ARGUMENT);
    assertThat(refused).hasMessage("position NaN°, 45.0° is not a finite direction");
    assertThat(catchThrowableOfType(DriverException.class,
        () -> new Position(0, Double.POSITIVE_INFINITY))).isNotNull();
  }

  /** A position reads with two decimals whatever the default locale. */
  @Test
  void showsAPositionWithTwoDecimals() {
    // GIVEN a position
    Position position = new Position(123.456, 7.5);

    // WHEN it is shown
    // THEN it reads in degrees with a decimal point
    assertThat(position).hasToString("az 123.46° el 7.50°");
  }

  /** Only failures that may go away by themselves are retried. */
  @Test
  void retriesOnlyTransientFailures() {
    // GIVEN every failure code
    // WHEN asked whether to retry
    // THEN timeouts, I/O and protocol errors are retried and nothing else
    assertThat(FailureCode.values()).filteredOn(FailureCode::retryable)
        .containsExactlyInAnyOrder(FailureCode.TIMEOUT, FailureCode.IO, FailureCode.PROTOCOL);
  }

  /** A failure shows its code and message, and keeps its cause. */
  @Test
  void aFailureCarriesItsCode() {
    // GIVEN an I/O failure with a cause
    IllegalStateException cause = new IllegalStateException("port vanished");
    DriverException failure = new DriverException(FailureCode.IO, "read failed", cause);

    // WHEN it is inspected
    // THEN code, message and cause are all there
    assertThat(failure.code()).isEqualTo(FailureCode.IO);
    assertThat(failure).hasToString("IO: read failed").hasCause(cause);
  }

  /** Health keeps its own copy of the counters. */
  @Test
  void healthCopiesItsCounters() {
    // GIVEN counters that change after the health is taken
    Map<String, Long> counters = new HashMap<>(Map.of("commands", 3L));
    DriverHealth health = DriverHealth.ok(counters);
    counters.put("commands", 4L);

    // WHEN the health is read
    // THEN it is OK with the counts at the time
    assertThat(health.state()).isEqualTo(HealthState.OK);
    assertThat(health.detail()).isNull();
    assertThat(health.counters()).containsExactlyEntriesOf(Map.of("commands", 3L));
  }
}
