package talos.core.orbit;

import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.orekit.frames.StaticTransform;
import org.orekit.frames.TopocentricFrame;
import org.orekit.time.AbsoluteDate;
import talos.core.orbit.sgp4.Sgp4;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Passes of a whole catalogue over one site in a window, fast enough to plan a day of the full
 * catalogue in seconds.
 *
 * <p>How: the TEME-to-site rotation is computed once per {@value #GRID_SECONDS} s of the window
 * and, between grid points, advanced by the Earth's rotation; each satellite is then stepped with its
 * SGP4 model. Each step is as long as the satellite provably cannot cross the mask: elevation changes
 * at most by the relative speed over the range, and the range shrinks at most at that speed, so after
 * {@code t} seconds the elevation has changed by at most {@code ln(ρ/(ρ − v·t))} radians.
 * Crossings are then located by bisection to {@value #PRECISION_SECONDS} s and the highest point by
 * golden-section search. Passes that stay above the mask for less than one grid step between two
 * samples can be missed; such passes are too short to track.
 */
public final class CataloguePasses {

  static final double GRID_SECONDS = 10;
  static final double PRECISION_SECONDS = 0.05;
  /** The fastest the ground under a site moves (equator), plus margin, m/s. */
  private static final double SITE_SPEED = 500;
  private static final double EARTH_RATE = 7.292115146706979e-5;
  private static final double GOLDEN = (Math.sqrt(5) - 1) / 2;

  private final OrbitContext context;

  public CataloguePasses(OrbitContext context) {
    this.context = context;
  }

  /**
   * The passes of every satellite, indexed like {@code satellites}, between {@code start} and
   * {@code end}, split between {@code threads} threads (the models are immutable and shared).
   */
  public List<List<Pass>> passes(List<Sgp4> satellites, Site site, double minElevation,
                                 Instant start, Instant end, int threads) {
    Grid grid = new Grid(context, site, start, end);
    List<List<Pass>> passes = new ArrayList<>(satellites.size());
    for (int i = 0; i < satellites.size(); i++) {
      passes.add(List.of());
    }
    int chunk = (satellites.size() + threads - 1) / threads;
    IntStream.range(0, threads).parallel().forEach(part -> {
      Scan scan = new Scan(grid, site, minElevation);
      for (int i = part * chunk; i < Math.min(satellites.size(), (part + 1) * chunk); i++) {
        passes.set(i, scan.passes(satellites.get(i)));
      }
    });
    return passes;
  }

  /** TEME-to-site rotations on a regular grid over the window, and the site's offset. */
  private static final class Grid {
    final AbsoluteDate start;
    final Instant startInstant;
    final double duration;
    final double[][] rotations;
    final double[] siteOffset;

    Grid(OrbitContext context, Site site, Instant start, Instant end) {
      this.start = context.date(start);
      this.startInstant = start;
      this.duration = Duration.between(start, end).toNanos() / 1e9;
      TopocentricFrame topocentric = Sites.topocentric(context, site);
      int points = (int) Math.ceil(duration / GRID_SECONDS) + 2;
      rotations = new double[points][];
      for (int k = 0; k < points; k++) {
        AbsoluteDate date = this.start.shiftedBy(k * GRID_SECONDS);
        StaticTransform toLocal = context.teme().getStaticTransformTo(topocentric, date);
        double[][] m = toLocal.getRotation().getMatrix();
        rotations[k] = new double[] {m[0][0], m[0][1], m[0][2], m[1][0], m[1][1], m[1][2], m[2][0], m[2][1], m[2][2]};
      }
      StaticTransform itrfToLocal = context.itrf().getStaticTransformTo(topocentric, this.start);
      Vector3D offset = itrfToLocal.getRotation().applyTo(itrfToLocal.getTranslation());
      siteOffset = new double[] {offset.getX(), offset.getY(), offset.getZ()};
    }
  }

  /** One thread's scanner: buffers reused for every satellite it scans. */
  private static final class Scan {
    private final Grid grid;
    private final Site site;
    private final double minElevation;
    private final double[] pv = new double[6];
    private final double[] local = new double[3];
    private Sgp4 satellite;
    private double windowStartMinutes;

    Scan(Grid grid, Site site, double minElevation) {
      this.grid = grid;
      this.site = site;
      this.minElevation = minElevation;
    }

    List<Pass> passes(Sgp4 model) {
      satellite = model;
      windowStartMinutes = model.minutesSinceEpoch(grid.start);
      List<Pass> passes = new ArrayList<>(0);
      double t = 0;
      double margin = margin(t);
      if (Double.isNaN(margin)) {
        return passes;
      }
      double aos = margin > 0 ? 0 : Double.NaN;
      while (t < grid.duration) {
        // the same bound holds both ways: a satellite cannot fall through the mask faster than it rises
        double step = safeStep(Math.abs(margin));
        double next = Math.min(grid.duration, t + step);
        double nextMargin = margin(next);
        if (Double.isNaN(nextMargin)) {
          break;
        }
        if (margin <= 0 && nextMargin > 0) {
          aos = crossing(t, next);
        } else if (margin > 0 && nextMargin <= 0 && !Double.isNaN(aos)) {
          passes.add(pass(aos, crossing(t, next), false));
          aos = Double.NaN;
        }
        t = next;
        margin = nextMargin;
      }
      if (!Double.isNaN(aos)) {
        passes.add(pass(aos, grid.duration, true));
      }
      return passes;
    }

    /** Seconds the satellite certainly stays on its side of the mask, given how far it is from it (°). */
    private double safeStep(double deficitDegrees) {
      double range = Math.sqrt(local[0] * local[0] + local[1] * local[1] + local[2] * local[2]);
      double speed = Math.sqrt(pv[3] * pv[3] + pv[4] * pv[4] + pv[5] * pv[5]) + SITE_SPEED;
      double seconds = range / speed * (1 - Math.exp(-Math.toRadians(deficitDegrees)));
      return Math.max(GRID_SECONDS, Math.floor(seconds / GRID_SECONDS) * GRID_SECONDS);
    }

    private double crossing(double below, double above) {
      double low = below;
      double high = above;
      boolean risingAtHigh = margin(high) > 0;
      while (high - low > PRECISION_SECONDS) {
        double middle = (low + high) / 2;
        if ((margin(middle) > 0) == risingAtHigh) {
          high = middle;
        } else {
          low = middle;
        }
      }
      return (low + high) / 2;
    }

    private Pass pass(double aos, double los, boolean endsAfter) {
      double best = aos;
      double bestElevation = elevation(aos);
      // a long pass (a geostationary object all day) is sampled more coarsely before the fine search
      double sampling = Math.max(GRID_SECONDS, (los - aos) / 200);
      for (double t = aos; t <= los; t += sampling) {
        double elevation = elevation(t);
        if (elevation > bestElevation) {
          best = t;
          bestElevation = elevation;
        }
      }
      double losElevation = elevation(los);
      if (losElevation > bestElevation) {
        best = los;
      }
      double tca = golden(Math.max(aos, best - sampling), Math.min(los, best + sampling));
      double tcaElevation = elevation(tca);
      double aosAzimuth = azimuthAt(aos);
      double tcaAzimuth = azimuthAt(tca);
      double losAzimuth = azimuthAt(los);
      return new Pass(instant(aos), instant(tca), instant(los), aosAzimuth, tcaAzimuth, losAzimuth, tcaElevation,
          aos == 0, endsAfter);
    }

    private double golden(double low, double high) {
      double a = low;
      double b = high;
      while (b - a > PRECISION_SECONDS) {
        double c = b - GOLDEN * (b - a);
        double d = a + GOLDEN * (b - a);
        if (elevation(c) > elevation(d)) {
          b = d;
        } else {
          a = c;
        }
      }
      return (a + b) / 2;
    }

    private Instant instant(double seconds) {
      return grid.startInstant.plusNanos(Math.round(seconds * 1e9));
    }

    /** Degrees above the mask at {@code t} seconds into the window; NaN if the model fails. */
    private double margin(double t) {
      if (!position(t)) {
        return Double.NaN;
      }
      double range = Math.sqrt(local[0] * local[0] + local[1] * local[1] + local[2] * local[2]);
      double elevation = Math.toDegrees(Math.asin(local[2] / range));
      double azimuth = Math.toDegrees(Math.atan2(local[0], local[1]));
      return elevation - Math.max(minElevation, site.maskElevation(azimuth < 0 ? azimuth + 360 : azimuth));
    }

    private double elevation(double t) {
      position(t);
      double range = Math.sqrt(local[0] * local[0] + local[1] * local[1] + local[2] * local[2]);
      return Math.toDegrees(Math.asin(local[2] / range));
    }

    private double azimuthAt(double t) {
      position(t);
      double azimuth = Math.toDegrees(Math.atan2(local[0], local[1]));
      return azimuth < 0 ? azimuth + 360 : azimuth;
    }

    /** The satellite's position in the site's frame at {@code t} seconds into the window. */
    private boolean position(double t) {
      if (!satellite.propagate(windowStartMinutes + t / 60.0, pv)) {
        return false;
      }
      int k = (int) Math.floor(t / GRID_SECONDS);
      double dt = t - k * GRID_SECONDS;
      // advance the grid rotation by the Earth's turn since the grid point: rotate TEME by -ω·dt about z
      double angle = EARTH_RATE * dt;
      double cos = Math.cos(angle);
      double sin = Math.sin(angle);
      double x = cos * pv[0] + sin * pv[1];
      double y = -sin * pv[0] + cos * pv[1];
      double z = pv[2];
      double[] m = grid.rotations[k];
      local[0] = m[0] * x + m[1] * y + m[2] * z + grid.siteOffset[0];
      local[1] = m[3] * x + m[4] * y + m[5] * z + grid.siteOffset[1];
      local[2] = m[6] * x + m[7] * y + m[8] * z + grid.siteOffset[2];
      return true;
    }
  }
}
