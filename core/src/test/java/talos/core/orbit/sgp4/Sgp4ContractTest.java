package talos.core.orbit.sgp4;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.orekit.propagation.analytical.tle.TLE;

import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** What callers rely on besides accuracy: no allocation, no state, the time helpers. */
@Timeout(60)
class Sgp4ContractTest {

  /** Near-Earth, synchronous, half-day resonant and non-resonant deep-space objects. */
  static final List<String> OBJECTS =
      List.of("ISS (ZARYA)", "GOES 19", "MERIDIAN 10", "GSAT0201 (GALILEO 5)");

  @Test
  void testPropagationAllocatesNothing() {
    List<Sgp4> models = OBJECTS.stream().map(name -> new Sgp4(Sgp4Fixtures.named(name).tle()))
        .toList();
    double[] state = new double[6];
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    threads.getCurrentThreadAllocatedBytes();

    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 20_000; i++) {
      models.get(i % models.size()).propagate(i * 0.37 - 3000, state);
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    // one allocation per call would be at least 16 bytes a call, 320,000 in all
    assertThat(allocated).isLessThan(1024);
  }

  @Test
  void testResultsDoNotDependOnEarlierCalls() {
    TLE elements = Sgp4Fixtures.named("MERIDIAN 10").tle();
    double[] fresh = new double[6];
    new Sgp4(elements).propagate(10_000, fresh);

    Sgp4 used = new Sgp4(elements);
    double[] state = new double[6];
    used.propagate(20_000, state);
    used.propagate(-5_000, state);
    used.propagate(10_000, state);

    assertThat(state).containsExactly(fresh);
  }

  @Test
  void testOneInstanceGivesTheSameStatesFromSeveralThreadsAtOnce() throws Exception {
    Sgp4 model = new Sgp4(Sgp4Fixtures.named("GOES 19").tle());
    double[][] expected = new double[2000][6];
    for (int i = 0; i < expected.length; i++) {
      model.propagate(i * 7.0, expected[i]);
    }

    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Boolean>> tasks = new ArrayList<>();
      for (int task = 0; task < 8; task++) {
        tasks.add(() -> {
          double[] state = new double[6];
          boolean same = true;
          for (int i = expected.length - 1; i >= 0; i--) {
            model.propagate(i * 7.0, state);
            same &= Arrays.equals(state, expected[i]);
          }
          return same;
        });
      }
      for (Future<Boolean> result : pool.invokeAll(tasks)) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void testMinutesSinceEpochCountFromTheEpochOfTheElements() {
    Sgp4 model = new Sgp4(Sgp4Fixtures.named("ISS (ZARYA)").tle());

    assertThat(model.minutesSinceEpoch(model.epoch())).isZero();
    assertThat(model.minutesSinceEpoch(model.epoch().shiftedBy(-90))).isEqualTo(-1.5);
  }

  @Test
  void testTheEpochInDaysSince1950IsTheDayOfYearOfLineOne() {
    // ISS line 1: epoch 26078.12958500, day 78 of 2026 and 0.129585 of a day
    Sgp4 model = new Sgp4(Sgp4Fixtures.named("ISS (ZARYA)").tle());
    long toNewYear = ChronoUnit.DAYS.between(LocalDate.of(1949, 12, 31), LocalDate.of(2026, 1, 1));

    assertThat(model.epochDaysSince1950()).isCloseTo(toNewYear + 77.129585, within(1e-9));
  }

  @Test
  void testPeriodsOf225MinutesOrMoreAreDeepSpace() {
    assertThat(new Sgp4(Sgp4Fixtures.named("ISS (ZARYA)").tle()).isDeepSpace()).isFalse();
    assertThat(new Sgp4(Sgp4Fixtures.named("GSAT0201 (GALILEO 5)").tle()).isDeepSpace()).isTrue();
    assertThat(new Sgp4(Sgp4Fixtures.named("GOES 19").tle()).resonance())
        .isEqualTo(DeepSpace.Resonance.SYNCHRONOUS);
    assertThat(new Sgp4(Sgp4Fixtures.named("MERIDIAN 10").tle()).resonance())
        .isEqualTo(DeepSpace.Resonance.HALF_DAY);
  }
}
