package talos.core.catalog;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Known element sets and helpers that build good and bad TLE lines for the catalog tests. */
final class CatalogSamples {

  static final String ISS_NAME = "ISS (ZARYA)";
  static final String ISS_LINE1 =
      "1 25544U 98067A   26078.12958500  .00009105  00000+0  17698-3 0  9991";
  static final String ISS_LINE2 =
      "2 25544  51.6344  25.6919 0006229 207.4819 152.5840 15.48370465557798";
  static final String HST_NAME = "HST";
  static final String HST_LINE1 =
      "1 20580U 90037B   26078.01202943  .00006585  00000+0  21509-3 0  9991";
  static final String HST_LINE2 =
      "2 20580  28.4725 336.3997 0001574 225.3944 134.6524 15.29626908774743";
  static final String CALSPHERE_LINE1 =
      "1 00900U 64063C   26078.25058051  .00000586  00000+0  58848-3 0  9991";
  static final String CALSPHERE_LINE2 =
      "2 00900  90.2170  69.6682 0024457 200.0471 222.5878 13.76510242 59057";
  static final String ACTIVE_CATALOG = "/catalog/active-2026-03-19.tle";
  static final int ACTIVE_CATALOG_SIZE = 14_710;

  private CatalogSamples() {
  }

  /** Returns ISS and HST as 3LE text, joined by {@code lineEnd}. */
  static String issAndHst(String lineEnd) {
    return String.join(lineEnd, ISS_NAME, ISS_LINE1, ISS_LINE2, HST_NAME, HST_LINE1, HST_LINE2)
        + lineEnd;
  }

  /** Returns the lines joined by newlines, with a final newline. */
  static String text(String... lines) {
    return String.join("\n", lines) + "\n";
  }

  /**
   * Returns {@code line} with {@code replacement} written from the 1-based {@code column} on and
   * the checksum recomputed, so that only the edited field is wrong.
   */
  static String edit(String line, int column, String replacement) {
    String edited = line.substring(0, column - 1) + replacement
        + line.substring(column - 1 + replacement.length());
    return edited.substring(0, 68) + TleFormat.checksum(edited);
  }

  /** Returns the 14,710-object catalogue of active satellites published on 2026-03-19. */
  static String activeCatalog() {
    try (InputStream in = CatalogSamples.class.getResourceAsStream(ACTIVE_CATALOG)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the ISS as CelesTrak publishes it in OMM JSON, numbers as JSON numbers. */
  static JsonObject issOmm() {
    return new JsonObject()
        .put("OBJECT_NAME", ISS_NAME)
        .put("OBJECT_ID", "1998-067A")
        .put("EPOCH", "2026-03-19T03:06:36.144000")
        .put("MEAN_MOTION", 15.48370465)
        .put("ECCENTRICITY", 0.0006229)
        .put("INCLINATION", 51.6344)
        .put("RA_OF_ASC_NODE", 25.6919)
        .put("ARG_OF_PERICENTER", 207.4819)
        .put("MEAN_ANOMALY", 152.584)
        .put("EPHEMERIS_TYPE", 0)
        .put("CLASSIFICATION_TYPE", "U")
        .put("NORAD_CAT_ID", 25544)
        .put("ELEMENT_SET_NO", 999)
        .put("REV_AT_EPOCH", 55779)
        .put("BSTAR", 0.00017698)
        .put("MEAN_MOTION_DOT", 9.105e-5)
        .put("MEAN_MOTION_DDOT", 0);
  }
}
