package talos.core.demo;

import io.vertx.core.json.JsonObject;
import org.orekit.propagation.analytical.tle.TLE;
import talos.core.orbit.OrbitContext;
import talos.core.orbit.Site;
import talos.core.orbit.Tracker;
import talos.core.support.ApiClient;
import talos.core.support.FreshElements;
import talos.core.support.TestServer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A demo node whose catalogue holds, before the demo starts, a satellite with an active downlink
 * passing high over the demo station: the demo tracks it at once, the director tunes the simulated
 * radio to it, and the station receives frames during the pass. The satellite has the ISS's orbit,
 * turned (its ascending node and mean anomaly) so that it culminates {@link #PEAK_AFTER} after the
 * node is started. The sample satellites' transmitters are removed, so that whatever real
 * satellites pass at the time, this is the one satellite with a downlink the demo prefers.
 */
public final class DemoPassNow {

  public static final int NORAD = 99_901;
  public static final String NAME = "TALOS DEMOSAT";
  public static final long DOWNLINK_HZ = 437_800_000L;
  /** How long after the start the satellite culminates; the pass has begun by the start. */
  static final Duration PEAK_AFTER = Duration.ofMinutes(4);

  private static final String TRANSMITTER = """
      INSERT INTO transmitter (id, norad_id, description, downlink_low, mode, status, source)
      VALUES ('demosat-telemetry', ?, 'Telemetry', ?, 'FM', 'active', 'test')
      ON CONFLICT (id) DO NOTHING""";
  private static final String NO_SAMPLE_TRANSMITTERS = "DELETE FROM transmitter WHERE source = 'sample'";

  private DemoPassNow() {
  }

  /**
   * Fills a fresh database's catalogue on a node without the demo, then starts a demo node on it
   * with {@code overrides}. The returned server's {@link TestServer#database()} is not the demo's
   * database; use the API.
   */
  public static TestServer start(JsonObject overrides) {
    String database;
    try (TestServer seed = TestServer.start()) {
      database = seed.databaseUrl();
      ApiClient api = seed.client();
      ApiClient.Caller admin = api.signIn(TestServer.ADMIN_EMAIL);
      String[] lines = elements(Instant.now().plus(PEAK_AFTER));
      api.post(admin, "/api/catalogue/import", new JsonObject().put("name", "demosat.tle")
          .put("content", NAME + "\n" + lines[0] + "\n" + lines[1] + "\n")).expect(200);
      try (Connection db = seed.database(); PreparedStatement insert = db.prepareStatement(TRANSMITTER);
           Statement clear = db.createStatement()) {
        insert.setInt(1, NORAD);
        insert.setLong(2, DOWNLINK_HZ);
        insert.executeUpdate();
        clear.execute(NO_SAMPLE_TRANSMITTERS);
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot fill the demo's catalogue", e);
    }
    return TestServer.start(new JsonObject().put("TALOS_DEMO", "true").put("DATABASE_URL", database)
        .mergeIn(overrides));
  }

  /**
   * The two lines of a satellite on the ISS's orbit, with its epoch now, that is highest over the
   * demo station at {@code peak}: the ascending node and mean anomaly searched on a coarse grid,
   * then around its best point.
   */
  static String[] elements(Instant peak) {
    OrbitContext context = OrbitContext.offline();
    Site site = Site.at(DemoStation.LATITUDE, DemoStation.LONGITUDE, DemoStation.ALTITUDE);
    String[] iss = FreshElements.iss(Instant.now());
    double[] best = {0, 0, -90};
    search(context, site, iss, peak, best, 0, 360, 0, 360, 6);
    search(context, site, iss, peak, best, best[0] - 6, best[0] + 6, best[1] - 6, best[1] + 6, 0.5);
    if (best[2] < 45) {
      throw new IllegalStateException("no orbit found that culminates above 45° over the demo station,"
          + " only " + best[2] + "°");
    }
    return turned(iss, best[0], best[1]);
  }

  private static void search(OrbitContext context, Site site, String[] iss, Instant peak, double[] best,
                             double nodeFrom, double nodeTo, double anomalyFrom, double anomalyTo,
                             double step) {
    for (double node = nodeFrom; node < nodeTo; node += step) {
      for (double anomaly = anomalyFrom; anomaly < anomalyTo; anomaly += step) {
        String[] lines = turned(iss, node, anomaly);
        double elevation = new Tracker(context, new TLE(lines[0], lines[1], context.utc()), site)
            .look(peak).elevation();
        if (elevation > best[2]) {
          best[0] = node;
          best[1] = anomaly;
          best[2] = elevation;
        }
      }
    }
  }

  /** The ISS's lines as {@link #NORAD}, with another ascending node and mean anomaly. */
  private static String[] turned(String[] iss, double node, double anomaly) {
    String number = String.format(Locale.ROOT, "%05d", NORAD);
    String line1 = iss[0].substring(0, 2) + number + iss[0].substring(7);
    String line2 = iss[1].substring(0, 2) + number + iss[1].substring(7, 17)
        + String.format(Locale.ROOT, "%8.4f", angle(node)) + iss[1].substring(25, 43)
        + String.format(Locale.ROOT, "%8.4f", angle(anomaly)) + iss[1].substring(51);
    return new String[] {checked(line1), checked(line2)};
  }

  private static double angle(double degrees) {
    return ((degrees % 360) + 360) % 360;
  }

  /** The line with its last digit the sum of its digits (a minus counting one) modulo 10. */
  private static String checked(String line) {
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
