package talos.core.orbit;

import org.orekit.bodies.OneAxisEllipsoid;
import org.orekit.data.DirectoryCrawler;
import org.orekit.data.LazyLoadedDataContext;
import org.orekit.frames.Frame;
import org.orekit.time.AbsoluteDate;
import org.orekit.time.DateComponents;
import org.orekit.time.DateTimeComponents;
import org.orekit.time.TimeScale;
import org.orekit.utils.Constants;
import org.orekit.utils.IERSConventions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Optional;

/**
 * The Orekit data the orbit engine works with, built once and passed to whoever needs it; nothing
 * here touches Orekit's global default data context.
 *
 * <ul>
 *   <li>Leap seconds come from the table inside the jar, so the engine works offline with no
 *       download: enough to propagate element sets (SGP4/SDP4 in TEME) and to see satellites from a
 *       station, with UT1 taken equal to UTC and no polar motion.</li>
 *   <li>An operator-supplied orekit-data folder adds Earth orientation parameters (UT1−UTC, polar
 *       motion, nutation corrections), which move the Earth-fixed frame by up to about 0.9 s of
 *       rotation (a few hundred metres at the equator) and a few metres of pole position.</li>
 * </ul>
 *
 * <p>Frames and time scales are thread-safe; propagators are not, and are built per task.
 */
public final class OrbitContext {

  private final TimeScale utc;
  private final Frame teme;
  private final Frame itrf;
  private final OneAxisEllipsoid earth;
  private final boolean earthOrientation;

  private OrbitContext(TimeScale utc, Frame teme, Frame itrf, boolean earthOrientation) {
    this.utc = utc;
    this.teme = teme;
    this.itrf = itrf;
    this.earth = new OneAxisEllipsoid(Constants.WGS84_EARTH_EQUATORIAL_RADIUS, Constants.WGS84_EARTH_FLATTENING,
        itrf);
    this.earthOrientation = earthOrientation;
  }

  /**
   * Builds the context from the shipped leap seconds and, when given, an orekit-data folder.
   *
   * @throws IllegalArgumentException when {@code orekitData} is given but is not a folder
   */
  public static OrbitContext create(Optional<Path> orekitData) {
    LazyLoadedDataContext data = new LazyLoadedDataContext();
    data.getTimeScales().addUTCTAIOffsetsLoader(new LeapSeconds());
    orekitData.ifPresent(folder -> {
      if (!Files.isDirectory(folder)) {
        throw new IllegalArgumentException("orekit data folder '" + folder + "' does not exist");
      }
      data.getDataProvidersManager().addProvider(new DirectoryCrawler(folder.toFile()));
      data.getFrames().addDefaultEOP2000HistoryLoaders(null, null, null, null, null, null);
    });
    TimeScale utc = data.getTimeScales().getUTC();
    Frame teme = data.getFrames().getTEME();
    Frame itrf = data.getFrames().getITRF(IERSConventions.IERS_2010, true);
    return new OrbitContext(utc, teme, itrf, orekitData.isPresent());
  }

  /** The context with the shipped data only. */
  public static OrbitContext offline() {
    return create(Optional.empty());
  }

  public TimeScale utc() {
    return utc;
  }

  /** The frame SGP4/SDP4 positions are expressed in. */
  public Frame teme() {
    return teme;
  }

  /** The Earth-fixed frame stations are fixed in. */
  public Frame itrf() {
    return itrf;
  }

  /** The WGS-84 ellipsoid, fixed in {@link #itrf()}. */
  public OneAxisEllipsoid earth() {
    return earth;
  }

  /** {@code instant} as an Orekit date, to the nanosecond. */
  public AbsoluteDate date(Instant instant) {
    return new AbsoluteDate(Date.from(Instant.ofEpochSecond(instant.getEpochSecond())), utc)
        .shiftedBy(instant.getNano() / 1e9);
  }

  /** {@code date} as an instant, to the nanosecond. */
  public Instant instant(AbsoluteDate date) {
    DateTimeComponents components = date.getComponents(utc);
    DateComponents day = components.getDate();
    long nanos = Math.round(components.getTime().getSecondsInUTCDay() * 1e9);
    return LocalDate.of(day.getYear(), day.getMonth(), day.getDay()).atStartOfDay(ZoneOffset.UTC).toInstant()
        .plusNanos(nanos);
  }

  /** Whether an orekit-data folder was given; its Earth orientation files, if any, are used. */
  public boolean usesOrekitDataFolder() {
    return earthOrientation;
  }
}
