package talos.core.orbit;

import java.time.Instant;

/**
 * One pass of a satellite over a site: from acquisition of signal (the satellite rises above the
 * site's horizon mask and minimum elevation) to loss of signal. A pass cut by the edges of the
 * window asked for says so: its AOS is then the window start, or its LOS the window end.
 *
 * @param maxElevation degrees, reached at {@code tca}
 * @param tcaAzimuth degrees, at {@code tca}
 */
public record Pass(Instant aos, Instant tca, Instant los, double aosAzimuth, double tcaAzimuth, double losAzimuth,
                   double maxElevation, boolean startsBeforeWindow, boolean endsAfterWindow) {

  /** Seconds from AOS to LOS. */
  public double duration() {
    return (los.toEpochMilli() - aos.toEpochMilli()) / 1000.0;
  }
}
