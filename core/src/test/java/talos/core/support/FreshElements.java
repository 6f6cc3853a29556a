package talos.core.support;

import org.orekit.propagation.analytical.tle.TLE;
import talos.core.orbit.Look;
import talos.core.orbit.OrbitContext;
import talos.core.orbit.Site;
import talos.core.orbit.Tracker;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * The ISS's real orbital elements of 2026-03-19 moved to a chosen epoch, so tests that run in real
 * time have a satellite whose position is exact now, and a place on the ground it is passing over.
 */
public final class FreshElements {

  public static final int NORAD = 25544;
  public static final String NAME = "ISS (ZARYA)";
  private static final String LINE_1 =
      "1 25544U 98067A   26078.12958500  .00009105  00000+0  17698-3 0  9991";
  private static final String LINE_2 =
      "2 25544  51.6344  25.6919 0006229 207.4819 152.5840 15.48370465557798";

  private FreshElements() {
  }

  /** The two lines of the ISS with its epoch at {@code epoch}. */
  public static String[] iss(Instant epoch) {
    ZonedDateTime utc = epoch.atZone(ZoneOffset.UTC);
    double day = utc.getDayOfYear() + (utc.toLocalTime().toNanoOfDay() / 86_400e9);
    String field = String.format(Locale.ROOT, "%02d%012.8f", utc.getYear() % 100, day);
    String line1 = LINE_1.substring(0, 18) + field + LINE_1.substring(32, 68);
    return new String[] {withChecksum(line1), LINE_2};
  }

  /** The element sets as a three-line text for the catalogue import. */
  public static String issText(Instant epoch) {
    String[] lines = iss(epoch);
    return NAME + "\n" + lines[0] + "\n" + lines[1] + "\n";
  }

  /**
   * A site the ISS (with its epoch at {@code epoch}) passes close to at {@code overhead}: the
   * sub-satellite point of that instant, moved north by {@code offsetDegrees} so the pass peaks
   * below the zenith.
   */
  public static Site siteUnderPass(Instant epoch, Instant overhead, double offsetDegrees) {
    String[] lines = iss(epoch);
    OrbitContext context = OrbitContext.offline();
    TLE tle = new TLE(lines[0], lines[1], context.utc());
    Look look = new Tracker(context, tle, Site.at(0, 0, 0)).look(overhead);
    double latitude = Math.max(-89, Math.min(89, look.latitude() + offsetDegrees));
    return Site.at(latitude, look.longitude(), 100);
  }

  private static String withChecksum(String line) {
    int sum = 0;
    for (char c : line.substring(0, 68).toCharArray()) {
      if (Character.isDigit(c)) {
        sum += c - '0';
      } else if (c == '-') {
        sum += 1;
      }
    }
    return line.substring(0, 68) + (sum % 10);
  }
}
