package talos.core.orbit;

import org.hipparchus.geometry.euclidean.threed.Rotation;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.orekit.frames.KinematicTransform;
import org.orekit.frames.StaticTransform;
import org.orekit.frames.TopocentricFrame;
import org.orekit.time.AbsoluteDate;

import java.time.Instant;
import java.util.List;

/**
 * Where every satellite of a catalogue is, seen from one site at one instant: azimuth, elevation,
 * range and range rate for each, in arrays indexed like the catalogue.
 *
 * <p>The transform from TEME to the site's local frame is computed once for the instant and applied
 * to every satellite as one rotation, one translation and the Earth-rotation term of the velocity,
 * in plain arithmetic; what remains per satellite is its SGP4 step.
 */
public final class SkyView {

  /** The result for one instant; entries of satellites that could not be propagated are NaN. */
  public record Snapshot(Instant instant, double[] azimuth, double[] elevation, double[] range,
                         double[] rangeRate) {

    public int size() {
      return azimuth.length;
    }
  }

  private final OrbitContext context;
  private final StaticTransform itrfToTopocentric;

  public SkyView(OrbitContext context, Site site) {
    this.context = context;
    TopocentricFrame topocentric = Sites.topocentric(context, site);
    this.itrfToTopocentric = context.itrf().getStaticTransformTo(topocentric, AbsoluteDate.J2000_EPOCH);
  }

  /**
   * Computes the snapshot of {@code satellites} at {@code instant}, entries {@code from} (inclusive)
   * to {@code to} (exclusive) only, into {@code into}; callers split a catalogue between threads this
   * way, each with its own ephemerides.
   */
  public void compute(List<? extends Ephemeris> satellites, Instant instant, int from, int to, Snapshot into) {
    AbsoluteDate date = context.date(instant);
    KinematicTransform temeToItrf = context.teme().getKinematicTransformTo(context.itrf(), date);
    Rotation toItrf = temeToItrf.getRotation();
    Vector3D earthRate = temeToItrf.getRotationRate();
    Rotation toLocal = itrfToTopocentric.getRotation();
    // Orekit transforms translate, then rotate: the site offset is the rotated translation
    Vector3D siteInLocal = toLocal.applyTo(itrfToTopocentric.getTranslation());
    double[][] local = toLocal.applyTo(toItrf).getMatrix();
    double[][] itrfMatrix = toItrf.getMatrix();
    double[][] localMatrix = toLocal.getMatrix();
    double[] pv = new double[6];

    for (int i = from; i < to; i++) {
      if (!satellites.get(i).teme(date, pv)) {
        into.azimuth()[i] = Double.NaN;
        into.elevation()[i] = Double.NaN;
        into.range()[i] = Double.NaN;
        into.rangeRate()[i] = Double.NaN;
        continue;
      }
      // position in the local frame: rotate TEME to local, then shift to the site
      double x = local[0][0] * pv[0] + local[0][1] * pv[1] + local[0][2] * pv[2] + siteInLocal.getX();
      double y = local[1][0] * pv[0] + local[1][1] * pv[1] + local[1][2] * pv[2] + siteInLocal.getY();
      double z = local[2][0] * pv[0] + local[2][1] * pv[1] + local[2][2] * pv[2] + siteInLocal.getZ();
      // velocity in the Earth-fixed frame: rotated TEME velocity minus the frame's rotation
      double rx = itrfMatrix[0][0] * pv[0] + itrfMatrix[0][1] * pv[1] + itrfMatrix[0][2] * pv[2];
      double ry = itrfMatrix[1][0] * pv[0] + itrfMatrix[1][1] * pv[1] + itrfMatrix[1][2] * pv[2];
      double rz = itrfMatrix[2][0] * pv[0] + itrfMatrix[2][1] * pv[1] + itrfMatrix[2][2] * pv[2];
      double vx = itrfMatrix[0][0] * pv[3] + itrfMatrix[0][1] * pv[4] + itrfMatrix[0][2] * pv[5]
          - (earthRate.getY() * rz - earthRate.getZ() * ry);
      double vy = itrfMatrix[1][0] * pv[3] + itrfMatrix[1][1] * pv[4] + itrfMatrix[1][2] * pv[5]
          - (earthRate.getZ() * rx - earthRate.getX() * rz);
      double vz = itrfMatrix[2][0] * pv[3] + itrfMatrix[2][1] * pv[4] + itrfMatrix[2][2] * pv[5]
          - (earthRate.getX() * ry - earthRate.getY() * rx);
      double lvx = localMatrix[0][0] * vx + localMatrix[0][1] * vy + localMatrix[0][2] * vz;
      double lvy = localMatrix[1][0] * vx + localMatrix[1][1] * vy + localMatrix[1][2] * vz;
      double lvz = localMatrix[2][0] * vx + localMatrix[2][1] * vy + localMatrix[2][2] * vz;

      double range = Math.sqrt(x * x + y * y + z * z);
      double azimuth = Math.toDegrees(Math.atan2(x, y));
      into.azimuth()[i] = azimuth < 0 ? azimuth + 360 : azimuth;
      into.elevation()[i] = Math.toDegrees(Math.asin(z / range));
      into.range()[i] = range;
      into.rangeRate()[i] = (x * lvx + y * lvy + z * lvz) / range;
    }
  }

  /**
   * Computes the whole snapshot, split between {@code threads} threads of the common fork-join pool.
   * The ephemerides must be safe to share ({@link Ephemeris#sgp4}).
   */
  public Snapshot computeAll(List<? extends Ephemeris> satellites, Instant instant, int threads) {
    Snapshot snapshot = empty(instant, satellites.size());
    int chunk = (satellites.size() + threads - 1) / threads;
    java.util.stream.IntStream.range(0, threads).parallel().forEach(part -> compute(satellites, instant,
        part * chunk, Math.min(satellites.size(), (part + 1) * chunk), snapshot));
    return snapshot;
  }

  /** A fresh, empty snapshot for {@code size} satellites. */
  public static Snapshot empty(Instant instant, int size) {
    return new Snapshot(instant, new double[size], new double[size], new double[size], new double[size]);
  }
}
