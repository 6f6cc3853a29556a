package talos.core.orbit;

import org.orekit.frames.TopocentricFrame;
import org.orekit.propagation.SpacecraftState;
import org.orekit.propagation.analytical.tle.TLE;
import org.orekit.propagation.analytical.tle.TLEPropagator;
import org.orekit.propagation.events.ElevationExtremumDetector;
import org.orekit.propagation.events.handlers.RecordAndContinue;
import org.orekit.time.AbsoluteDate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Predicts the passes of a satellite over a site in a time window, respecting the site's horizon
 * mask and a minimum elevation. Events are located to {@value #PRECISION_SECONDS} s or better.
 * Thread-safe: every call builds its own propagator.
 */
public final class PassPredictor {

  static final double PRECISION_SECONDS = 0.01;

  private final OrbitContext context;

  public PassPredictor(OrbitContext context) {
    this.context = context;
  }

  /**
   * The passes between {@code start} and {@code end}, in time order.
   *
   * @param minElevation degrees; the higher of it and the horizon mask applies in each direction
   * @throws IllegalArgumentException when {@code end} is not after {@code start}
   */
  public List<Pass> passes(TLE elements, Site site, double minElevation, Instant start, Instant end) {
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("window end " + end + " is not after its start " + start);
    }
    TopocentricFrame topocentric = Sites.topocentric(context, site);
    TLEPropagator propagator = TLEPropagator.selectExtrapolator(elements, context.teme());
    AbsoluteDate windowStart = date(start);
    AbsoluteDate windowEnd = date(end);
    // reach the window without detectors: elements may be months old, and searching events over
    // that span would cost seconds for nothing
    SpacecraftState first = propagator.propagate(windowStart);
    boolean visibleAtStart = VisibilityDetector.margin(first, topocentric, site, minElevation) > 0;

    RecordAndContinue crossings = new RecordAndContinue();
    RecordAndContinue extremes = new RecordAndContinue();
    propagator.addEventDetector(new VisibilityDetector(topocentric, site, minElevation, crossings));
    propagator.addEventDetector(new ElevationExtremumDetector(topocentric).withHandler(extremes));
    SpacecraftState last = propagator.propagate(windowStart, windowEnd);

    List<Pass> passes = new ArrayList<>();
    SpacecraftState aos = visibleAtStart ? first : null;
    for (RecordAndContinue.Event event : crossings.getEvents()) {
      if (event.isIncreasing()) {
        aos = event.getState();
      } else if (aos != null) {
        passes.add(pass(aos, event.getState(), extremes, topocentric, aos == first, false, start, end));
        aos = null;
      }
    }
    if (aos != null) {
      passes.add(pass(aos, last, extremes, topocentric, aos == first, true, start, end));
    }
    return passes;
  }

  private Pass pass(SpacecraftState aos, SpacecraftState los, RecordAndContinue extremes,
                    TopocentricFrame topocentric, boolean startsBefore, boolean endsAfter, Instant start,
                    Instant end) {
    SpacecraftState tca = elevation(aos, topocentric) >= elevation(los, topocentric) ? aos : los;
    for (RecordAndContinue.Event extreme : extremes.getEvents()) {
      SpacecraftState state = extreme.getState();
      boolean inside = state.getDate().isAfterOrEqualTo(aos) && state.getDate().isBeforeOrEqualTo(los);
      if (inside && !extreme.isIncreasing() && elevation(state, topocentric) > elevation(tca, topocentric)) {
        tca = state;
      }
    }
    return new Pass(startsBefore ? start : instant(aos), instant(tca), endsAfter ? end : instant(los),
        azimuth(aos, topocentric), azimuth(tca, topocentric), azimuth(los, topocentric), elevation(tca, topocentric),
        startsBefore, endsAfter);
  }

  private AbsoluteDate date(Instant instant) {
    return context.date(instant);
  }

  private Instant instant(SpacecraftState state) {
    return context.instant(state.getDate());
  }

  private static double elevation(SpacecraftState state, TopocentricFrame topocentric) {
    return Math.toDegrees(topocentric.getElevation(state.getPosition(), state.getFrame(), state.getDate()));
  }

  private static double azimuth(SpacecraftState state, TopocentricFrame topocentric) {
    return Math.toDegrees(topocentric.getAzimuth(state.getPosition(), state.getFrame(), state.getDate()));
  }
}
