package talos.core.director;

import org.junit.jupiter.api.Test;
import talos.core.orbit.rotator.Angles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The angle between commanded and measured antenna directions, in a rotator's own frame. */
class TrackingErrorTest {

  /** Azimuths beyond 360° or below 0° are the same directions as their normal values. */
  @Test
  void normalisesAzimuthsOutsideOneTurn() {
    assertThat(Angles.separation(370, 20, 10, 20)).isCloseTo(0, within(1e-9));
    assertThat(Angles.separation(-10, 20, 350, 20)).isCloseTo(0, within(1e-9));
    assertThat(Angles.separation(450, 0, 90, 1)).isCloseTo(1, within(1e-9));
  }

  /** A flipped rotator's elevation past 90° points over the zenith, the other way round. */
  @Test
  void foldsFlippedElevationsOverTheZenith() {
    assertThat(Angles.separation(0, 100, 180, 80)).isCloseTo(0, within(1e-9));
    assertThat(Angles.separation(90, 10, 270, 10)).isCloseTo(160, within(1e-9));
  }

  /** Root mean square and maximum over the samples, and none before the first. */
  @Test
  void keepsTheRootMeanSquareAndTheMaximum() {
    TrackingError error = new TrackingError();
    assertThat(error.rms()).isNull();
    error.add(1);
    error.add(3);

    assertThat(error.rms()).isCloseTo(Math.sqrt(5), within(1e-12));
    assertThat(error.max()).isEqualTo(3);
    assertThat(error.samples()).isEqualTo(2);
    assertThat(TrackingError.resumed(error.rms(), error.max(), 2).rms())
        .isCloseTo(Math.sqrt(5), within(1e-12));
  }
}
