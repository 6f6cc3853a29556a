package talos.core.schedule;

import talos.core.orbit.rotator.Rotator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Builds each station's timeline from the opportunities of every campaign.
 *
 * <ul>
 *   <li>Passes in progress and fixed passes (planned earlier and starting too soon to change) come
 *       first and are never displaced.
 *   <li>Opportunities on offline stations, below their campaign's minimum elevation, inside a
 *       reservation or on a station that just missed a pass (during that pass) are left out with
 *       that reason.
 *   <li>The rest are placed priority by priority (1 first). Within one priority, a target whose
 *       pass a station missed first gets its next pass over another station (a retry, with a note
 *       saying so); then each target is offered its next pass in turn, the target with the least
 *       planned time for its weight first, so equal campaigns share a contested station in
 *       proportion to their weights.
 *   <li>A pass fits when it overlaps no planned pass and leaves the rotator time to slew between
 *       its neighbours' ends and its own (from the rotator's slew rates, plus {@link #SETTLE}).
 * </ul>
 *
 * <p>Deterministic: the same input gives the same plan. Runs in O(n log n) for n opportunities.
 */
public final class Planner {

  /** Time allowed on top of the slew itself, for the rotator to settle and the radio to tune. */
  public static final Duration SETTLE = Duration.ofSeconds(10);

  /**
   * The plan: what each station does, and every opportunity left out with the reason.
   *
   * @param notes why a planned pass was given precedence (a retry of a missed pass), by pass
   */
  public record Plan(List<Opportunity> planned, List<Rejected> rejected,
                     Map<Opportunity, String> notes) {

    public Plan {
      planned = List.copyOf(planned);
      rejected = List.copyOf(rejected);
      notes = Map.copyOf(notes);
    }

    public Plan(List<Opportunity> planned, List<Rejected> rejected) {
      this(planned, rejected, Map.of());
    }

    /** The planned passes of one station, in time order. */
    public List<Opportunity> timeline(String stationId) {
      return planned.stream().filter(opportunity -> opportunity.stationId().equals(stationId))
          .sorted(Comparator.comparing(opportunity -> opportunity.pass().aos()))
          .toList();
    }
  }

  /** An opportunity left out, and why, in words an operator understands. */
  public record Rejected(Opportunity opportunity, String reason) {
  }

  /**
   * A pass a station missed: the campaign's target gets precedence for its next pass over another
   * of the campaign's stations, and the station that missed it takes nothing else during it.
   *
   * @param missed the missed pass's planned AOS to LOS
   */
  public record Retry(String campaignId, int noradId, String stationId, TimeWindow missed) {

    boolean wants(Opportunity opportunity) {
      return opportunity.campaign().id().equals(campaignId) && opportunity.noradId() == noradId
          && !opportunity.stationId().equals(stationId)
          && !opportunity.pass().aos().isBefore(missed.start());
    }
  }

  /**
   * Plans the opportunities.
   *
   * @param stations every station an opportunity names, by id
   * @param inProgress passes being tracked now; kept whatever their priority
   * @throws IllegalArgumentException when an opportunity names a station not in {@code stations}
   */
  public Plan plan(List<Opportunity> opportunities, Map<String, StationSchedule> stations,
                   List<Opportunity> inProgress) {
    return plan(opportunities, stations, inProgress, List.of(), List.of());
  }

  /**
   * Plans the opportunities around passes that may no longer change.
   *
   * @param stations every station an opportunity names, by id
   * @param inProgress passes being tracked now; kept whatever their priority
   * @param fixed passes planned earlier that start too soon to change; kept like those in progress
   * @param retries missed passes whose targets get precedence for their next pass elsewhere; a
   *     retry already served by a pass in {@code fixed} or {@code inProgress} is not repeated
   * @throws IllegalArgumentException when an opportunity names a station not in {@code stations}
   */
  public Plan plan(List<Opportunity> opportunities, Map<String, StationSchedule> stations,
                   List<Opportunity> inProgress, List<Opportunity> fixed, List<Retry> retries) {
    Map<String, NavigableMap<Instant, Opportunity>> timelines = new HashMap<>();
    List<Opportunity> planned = new ArrayList<>(inProgress);
    planned.addAll(fixed);
    List<Rejected> rejected = new ArrayList<>();
    Map<Opportunity, String> notes = new HashMap<>();
    for (Opportunity kept : planned) {
      timelines.computeIfAbsent(kept.stationId(), id -> new TreeMap<>())
          .put(kept.pass().aos(), kept);
    }
    List<Retry> open = retries.stream()
        .filter(retry -> planned.stream().noneMatch(retry::wants)).toList();

    TreeMap<Integer, List<Opportunity>> byPriority = new TreeMap<>();
    for (Opportunity opportunity : opportunities) {
      StationSchedule station = stations.get(opportunity.stationId());
      if (station == null) {
        throw new IllegalArgumentException("opportunity on unknown station "
            + opportunity.stationId());
      }
      String reason = unusable(opportunity, station, open, stations);
      if (reason != null) {
        rejected.add(new Rejected(opportunity, reason));
      } else {
        byPriority.computeIfAbsent(opportunity.campaign().priority(), p -> new ArrayList<>())
            .add(opportunity);
      }
    }

    Predicate<Opportunity> place = opportunity -> {
      NavigableMap<Instant, Opportunity> timeline =
          timelines.computeIfAbsent(opportunity.stationId(), id -> new TreeMap<>());
      String conflict = conflict(opportunity, timeline,
          stations.get(opportunity.stationId()).rotator(), inProgress, fixed);
      if (conflict != null) {
        rejected.add(new Rejected(opportunity, conflict));
        return false;
      }
      timeline.put(opportunity.pass().aos(), opportunity);
      planned.add(opportunity);
      return true;
    };
    for (List<Opportunity> level : byPriority.values()) {
      List<Opportunity> rest = new ArrayList<>(level);
      for (Retry retry : open) {
        List<Opportunity> candidates = rest.stream().filter(retry::wants)
            .sorted(Comparator.comparing((Opportunity o) -> o.pass().aos())
                .thenComparing(Opportunity::stationId))
            .toList();
        for (Opportunity candidate : candidates) {
          rest.remove(candidate);
          if (place.test(candidate)) {
            StationSchedule missedBy = stations.get(retry.stationId());
            notes.put(candidate, "retry of the pass of NORAD " + retry.noradId() + " missed by"
                + " station '" + (missedBy == null ? retry.stationId() : missedBy.name())
                + "' from " + retry.missed().start() + " to " + retry.missed().end());
            break;
          }
        }
      }
      placeFairly(rest, place);
    }
    return new Plan(planned, rejected, notes);
  }

  /** Why an opportunity cannot be used whatever else is planned, or {@code null}. */
  private static String unusable(Opportunity opportunity, StationSchedule station,
                                 List<Retry> retries, Map<String, StationSchedule> stations) {
    if (!station.online()) {
      return "station offline";
    }
    for (Retry retry : retries) {
      if (retry.stationId().equals(opportunity.stationId())
          && retry.missed().overlaps(opportunity.window())) {
        return "station unavailable: it missed the pass of NORAD " + retry.noradId() + " from "
            + retry.missed().start() + " to " + retry.missed().end();
      }
    }
    double peak = opportunity.pass().maxElevation();
    double minimum = opportunity.campaign().minElevation();
    if (peak < minimum) {
      return String.format(Locale.ROOT, "below minimum elevation: peaks at %.1f°, campaign '%s'"
          + " needs %.1f°", peak, opportunity.campaign().name(), minimum);
    }
    for (StationSchedule.Reservation reservation : station.reservations()) {
      if (reservation.window().overlaps(opportunity.window())) {
        return "reserved by owner from " + reservation.window().start() + " to "
            + reservation.window().end() + ": " + reservation.reason();
      }
    }
    return null;
  }

  /**
   * Offers the opportunities of one priority to {@code place} in turns: each turn takes the next
   * pass (by AOS) of the target with the least planned time for its weight so far.
   */
  private static void placeFairly(List<Opportunity> level, Predicate<Opportunity> place) {
    Map<String, Deque<Opportunity>> byTarget = new LinkedHashMap<>();
    level.stream()
        .sorted(Comparator.comparing((Opportunity o) -> o.pass().aos())
            .thenComparing(Opportunity::stationId))
        .forEach(o -> byTarget.computeIfAbsent(key(o), k -> new ArrayDeque<>()).add(o));

    Map<String, Double> share = new HashMap<>();
    PriorityQueue<Deque<Opportunity>> turns = new PriorityQueue<>(Comparator
        .comparingDouble((Deque<Opportunity> q) -> share.getOrDefault(key(q.peek()), 0.0))
        .thenComparing(q -> q.peek().pass().aos())
        .thenComparing(q -> key(q.peek())));
    turns.addAll(byTarget.values());
    while (!turns.isEmpty()) {
      Deque<Opportunity> queue = turns.poll();
      Opportunity next = queue.poll();
      if (place.test(next)) {
        share.merge(key(next), next.seconds() / next.weight(), Double::sum);
      }
      if (!queue.isEmpty()) {
        turns.add(queue);
      }
    }
  }

  private static String key(Opportunity opportunity) {
    return opportunity.campaign().id() + "/" + opportunity.noradId();
  }

  /**
   * Why an opportunity does not fit the station's timeline: it overlaps a planned pass, or leaves
   * the rotator too little time to slew from the pass before or to the pass after; {@code null}
   * when it fits.
   */
  private static String conflict(Opportunity candidate, NavigableMap<Instant, Opportunity> timeline,
                                 Rotator rotator, List<Opportunity> inProgress,
                                 List<Opportunity> fixed) {
    Map.Entry<Instant, Opportunity> before = timeline.floorEntry(candidate.pass().aos());
    if (before != null) {
      Opportunity earlier = before.getValue();
      Duration slew = slew(rotator, earlier.pass().losAzimuth(), candidate.pass().aosAzimuth());
      if (earlier.pass().los().plus(slew).isAfter(candidate.pass().aos())) {
        return describe(candidate, earlier, slew, earlier.pass().los(), candidate.pass().aos(),
            inProgress, fixed);
      }
    }
    Map.Entry<Instant, Opportunity> after = timeline.higherEntry(candidate.pass().aos());
    if (after != null) {
      Opportunity later = after.getValue();
      Duration slew = slew(rotator, candidate.pass().losAzimuth(), later.pass().aosAzimuth());
      if (candidate.pass().los().plus(slew).isAfter(later.pass().aos())) {
        return describe(candidate, later, slew, candidate.pass().los(), later.pass().aos(),
            inProgress, fixed);
      }
    }
    return null;
  }

  private static String describe(Opportunity candidate, Opportunity holder, Duration slew,
                                 Instant from, Instant to, List<Opportunity> inProgress,
                                 List<Opportunity> fixed) {
    String what;
    if (inProgress.contains(holder)) {
      what = "the pass of NORAD " + holder.noradId() + " being tracked now";
    } else if (holder.campaign().id().equals(candidate.campaign().id())) {
      what = "another pass of this campaign (NORAD " + holder.noradId() + ")";
    } else if (fixed.contains(holder)) {
      what = "the pass of campaign '" + holder.campaign().name() + "' (priority "
          + holder.campaign().priority() + ", fixed: it starts too soon to change)";
    } else if (holder.campaign().priority() < candidate.campaign().priority()) {
      what = "higher-priority campaign '" + holder.campaign().name() + "' (priority "
          + holder.campaign().priority() + ")";
    } else {
      what = "campaign '" + holder.campaign().name() + "' of the same priority, which had less of"
          + " its share";
    }
    boolean overlaps = holder.window().overlaps(candidate.window());
    return overlaps
        ? "overlaps " + what + " from " + holder.pass().aos() + " to " + holder.pass().los()
        : "no time to slew to or from " + what + ": needs " + slew.toSeconds() + " s, has "
            + Duration.between(from, to).toSeconds() + " s";
  }

  /**
   * How long the rotator needs from one azimuth to another, plus {@link #SETTLE}; an unknown
   * azimuth (NaN, as for a manual track) counts as half a turn away.
   */
  static Duration slew(Rotator rotator, double fromAzimuth, double toAzimuth) {
    double turn = Math.abs(fromAzimuth - toAzimuth) % 360;
    turn = Double.isNaN(turn) ? 180 : Math.min(turn, 360 - turn);
    double seconds = Double.isInfinite(rotator.azimuthRate()) ? 0 : turn / rotator.azimuthRate();
    return SETTLE.plusMillis(Math.round(seconds * 1000));
  }
}
