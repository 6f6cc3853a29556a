package talos.core.schedule;

import io.vertx.core.Future;
import talos.core.orbit.Pass;
import talos.core.orbit.Site;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Turns changes into a new plan. For each changed organisation it reads what the organisation
 * wants planned, finds the stations connected to the change through shared campaigns, asks which
 * of them are online, finds the opportunities (reused per campaign when nothing they depend on
 * changed) and plans them on a worker thread, then replaces those stations' plan from the frozen
 * window on in one transaction.
 *
 * <p>Passes starting within {@link #FROZEN} are never deleted or changed: the director takes
 * planned passes ahead of their AOS. They, and passes in progress, are fixed input to the planner.
 * The one exception to planning only beyond the frozen window is the retry of a missed pass,
 * which may add a row inside it when it conflicts with nothing planned there.
 */
public final class Scheduler {

  /**
   * How long before its AOS a planned pass no longer changes. The director takes planned passes
   * 10 minutes before AOS; 5 more minutes keep a replan clear of it.
   */
  public static final Duration FROZEN = Duration.ofMinutes(15);
  /** The soonest a retry of a missed pass may start, so the director still has time to take it. */
  static final Duration RETRY_LEAD = Duration.ofMinutes(1);

  private static final Instant ALWAYS_FROM = Instant.MIN;
  private static final Instant ALWAYS_TO = Instant.MAX;

  /** Whether a station's agent is connected to the gateway. */
  public interface Links {

    /** Succeeds with whether the station is online; a failure counts as offline. */
    Future<Boolean> online(String stationId);
  }

  /** Runs blocking work on a worker thread. */
  public interface Worker {

    <T> Future<T> run(Callable<T> work);
  }

  /**
   * What one replan did.
   *
   * @param online whether each replanned station was online
   */
  public record Outcome(Set<String> stations, int campaigns, int planned, int rejected,
                        Map<String, Boolean> online) {

    static final Outcome NONE = new Outcome(Set.of(), 0, 0, 0, Map.of());

    Outcome plus(Outcome other) {
      Set<String> both = new HashSet<>(stations);
      both.addAll(other.stations);
      Map<String, Boolean> states = new HashMap<>(online);
      states.putAll(other.online);
      return new Outcome(both, campaigns + other.campaigns, planned + other.planned,
          rejected + other.rejected, states);
    }
  }

  private record Result(List<PlanStore.NewPass> rows, Outcome outcome) {
  }

  private final PlanStore store;
  private final OpportunityCache cache;
  private final Links links;
  private final Worker worker;
  private final Duration horizon;
  private final boolean preempt;
  private final Planner planner = new Planner();
  private final Map<String, Map<String, PlanStore.Missed>> noticed = new ConcurrentHashMap<>();

  /**
   * @param horizon how far ahead to plan
   * @param preempt whether a pass being tracked may be displaced by a later plan
   */
  Scheduler(PlanStore store, OpportunityCache cache, Links links, Worker worker,
            Duration horizon, boolean preempt) {
    this.store = store;
    this.cache = cache;
    this.links = links;
    this.worker = worker;
    this.horizon = horizon;
    this.preempt = preempt;
  }

  /** How many times opportunities were computed rather than reused. */
  long computations() {
    return cache.computations();
  }

  /**
   * Remembers a missed campaign pass reported by the director, so the next replan retries it even
   * before the observation is readable in the database.
   */
  void missed(String orgId, PlanStore.Missed missed) {
    noticed.computeIfAbsent(orgId, id -> new ConcurrentHashMap<>())
        .put(missed.campaignId() + "/" + missed.noradId(), missed);
  }

  /** Plans what {@code changes} touch, as of {@code now}. */
  Future<Outcome> replan(Changes changes, Instant now) {
    Future<Map<String, Changes.Org>> orgs = changes.isEverything()
        ? store.organisations(now.plus(FROZEN)).map(ids -> {
          Map<String, Changes.Org> all = new LinkedHashMap<>();
          ids.forEach(id -> all.put(id.toString(), new Changes.Org(true, Set.of(), Set.of())));
          noticed.keySet().forEach(id -> all.putIfAbsent(id, new Changes.Org(true, Set.of(),
              Set.of())));
          return all;
        })
        : Future.succeededFuture(changes.organisations());
    return orgs.compose(byOrg -> {
      Future<Outcome> chain = Future.succeededFuture(Outcome.NONE);
      for (Map.Entry<String, Changes.Org> org : byOrg.entrySet()) {
        chain = chain.compose(sum -> replan(UUID.fromString(org.getKey()), org.getValue(), now)
            .map(sum::plus));
      }
      return chain;
    });
  }

  private Future<Outcome> replan(UUID orgId, Changes.Org change, Instant now) {
    Instant frozenUntil = now.plus(FROZEN);
    TimeWindow window = new TimeWindow(now, now.plus(horizon));
    Instant since = now.minus(horizon);
    return store.load(orgId, now, window, frozenUntil, since).compose(data -> {
      Set<UUID> stations = affected(data, change);
      Set<UUID> active = data.campaigns().stream().map(PlanStore.CampaignRow::id)
          .collect(Collectors.toSet());
      change.campaigns().stream().filter(id -> !active.contains(UUID.fromString(id)))
          .forEach(cache::forget);
      if (stations.isEmpty()) {
        return Future.succeededFuture(Outcome.NONE);
      }
      List<UUID> ordered = new ArrayList<>(stations);
      List<Future<Boolean>> checks = ordered.stream()
          .map(id -> links.online(id.toString()).recover(failure -> Future.succeededFuture(false)))
          .toList();
      return Future.all(checks)
          .compose(ignored -> {
            Map<UUID, Boolean> online = new HashMap<>();
            for (int i = 0; i < ordered.size(); i++) {
              online.put(ordered.get(i), checks.get(i).result());
            }
            List<PlanStore.Missed> missed = missed(orgId.toString(), data, since);
            return worker.run(() -> plan(data, stations, online, missed, now, window));
          })
          .compose(result -> store.replace(orgId, stations, frozenUntil, result.rows())
              .map(result.outcome()));
    });
  }

  /** The missed passes of the organisation, read and reported, newest per campaign target. */
  private List<PlanStore.Missed> missed(String orgId, PlanStore.OrgData data, Instant since) {
    Map<String, PlanStore.Missed> latest = new HashMap<>();
    List<PlanStore.Missed> all = new ArrayList<>(data.missed());
    Map<String, PlanStore.Missed> reported = noticed.get(orgId);
    if (reported != null) {
      reported.values().removeIf(missed -> missed.window().end().isBefore(since));
      all.addAll(reported.values());
    }
    for (PlanStore.Missed missed : all) {
      latest.merge(missed.campaignId() + "/" + missed.noradId(), missed,
          (a, b) -> a.window().start().isAfter(b.window().start()) ? a : b);
    }
    return List.copyOf(latest.values());
  }

  /**
   * The stations to replan: those named by the change (a campaign names the stations it is or was
   * assigned to and those holding its future passes), and every station connected to them through
   * the organisation's active campaigns.
   */
  static Set<UUID> affected(PlanStore.OrgData data, Changes.Org change) {
    Set<UUID> active = data.campaigns().stream().map(PlanStore.CampaignRow::id)
        .collect(Collectors.toSet());
    Set<UUID> known = data.stations().stream().map(PlanStore.StationRow::id)
        .collect(Collectors.toSet());
    Map<UUID, Set<UUID>> stationsOf = new HashMap<>();
    Map<UUID, Set<UUID>> campaignsOf = new HashMap<>();
    for (PlanStore.AssignmentRow assignment : data.assignments()) {
      if (!assignment.released() && active.contains(assignment.campaignId())) {
        stationsOf.computeIfAbsent(assignment.campaignId(), id -> new HashSet<>())
            .add(assignment.stationId());
        campaignsOf.computeIfAbsent(assignment.stationId(), id -> new HashSet<>())
            .add(assignment.campaignId());
      }
    }
    Set<UUID> seeds = new HashSet<>();
    if (change.whole()) {
      seeds.addAll(known);
      data.future().forEach(future -> seeds.add(future.stationId()));
    }
    for (String id : change.campaigns()) {
      UUID campaign = UUID.fromString(id);
      data.assignments().stream().filter(a -> a.campaignId().equals(campaign))
          .forEach(a -> seeds.add(a.stationId()));
      data.future().stream().filter(f -> f.campaignId().equals(campaign))
          .forEach(f -> seeds.add(f.stationId()));
    }
    change.stations().forEach(id -> seeds.add(UUID.fromString(id)));

    Set<UUID> reached = new HashSet<>();
    Deque<UUID> queue = new ArrayDeque<>(seeds);
    while (!queue.isEmpty()) {
      UUID station = queue.poll();
      if (reached.add(station)) {
        for (UUID campaign : campaignsOf.getOrDefault(station, Set.of())) {
          queue.addAll(stationsOf.getOrDefault(campaign, Set.of()));
        }
      }
    }
    reached.retainAll(known);
    return reached;
  }

  /** Plans the stations; runs on a worker thread. */
  private Result plan(PlanStore.OrgData data, Set<UUID> stations, Map<UUID, Boolean> online,
                      List<PlanStore.Missed> missedPasses, Instant now, TimeWindow window) {
    Instant frozenUntil = now.plus(FROZEN);
    Map<String, Site> sites = new HashMap<>();
    Map<String, StationSchedule> schedules = new HashMap<>();
    for (PlanStore.StationRow station : data.stations()) {
      sites.put(station.id().toString(), station.site());
      if (stations.contains(station.id())) {
        List<StationSchedule.Reservation> reservations = data.reservations().stream()
            .filter(r -> r.stationId().equals(station.id()))
            .map(r -> new StationSchedule.Reservation(r.window(), r.reason())).toList();
        schedules.put(station.id().toString(), new StationSchedule(station.id().toString(),
            station.name(), online.getOrDefault(station.id(), false), station.rotator(),
            reservations));
      }
    }

    Map<Integer, PlanStore.Elements> elements = data.elements().stream()
        .collect(Collectors.toMap(PlanStore.Elements::noradId, e -> e));
    Map<String, String> transmitters = new HashMap<>();
    List<Opportunity> opportunities = new ArrayList<>();
    Set<String> planned = new HashSet<>();
    for (PlanStore.CampaignRow campaign : data.campaigns()) {
      TimeWindow active = campaign.startsAt() == null && campaign.endsAt() == null ? null
          : new TimeWindow(campaign.startsAt() == null ? ALWAYS_FROM : campaign.startsAt(),
              campaign.endsAt() == null ? ALWAYS_TO : campaign.endsAt());
      List<Opportunities.Assignment> assignments = data.assignments().stream()
          .filter(a -> a.campaignId().equals(campaign.id()) && !a.released()
              && stations.contains(a.stationId())
              && (a.window() == null || a.window().overlaps(window)))
          .map(a -> new Opportunities.Assignment(a.stationId().toString(), a.window()))
          .toList();
      if (assignments.isEmpty() || (active != null && !active.overlaps(window))) {
        continue;
      }
      List<OpportunityCache.Target> targets = new ArrayList<>();
      for (PlanStore.TargetRow target : data.targets()) {
        PlanStore.Elements set = elements.get(target.noradId());
        if (target.campaignId().equals(campaign.id()) && set != null) {
          targets.add(new OpportunityCache.Target(target.noradId(), target.weight(), set.line1(),
              set.line2()));
          transmitters.put(campaign.id() + "/" + target.noradId(), target.transmitterId());
        }
      }
      Opportunity.Campaign described = new Opportunity.Campaign(campaign.id().toString(),
          campaign.name(), campaign.priority(), campaign.minElevation());
      opportunities.addAll(cache.opportunities(new OpportunityCache.CampaignInput(described,
          targets, assignments, active), sites, window));
      planned.add(described.id());
    }

    List<Opportunity> running = new ArrayList<>();
    List<Opportunity> fixed = new ArrayList<>();
    List<PlanStore.PassRow> kept = data.kept().stream()
        .filter(row -> stations.contains(row.stationId())).toList();
    Set<UUID> underWay = new HashSet<>();
    for (PlanStore.UnderWay observation : data.underWay()) {
      if (!stations.contains(observation.stationId())) {
        continue;
      }
      if (observation.plannedPassId() != null) {
        underWay.add(observation.plannedPassId());
      }
      boolean ownRow = kept.stream().anyMatch(row -> row.id().equals(observation.plannedPassId()));
      if (!ownRow && observation.window().end().isAfter(now)) {
        running.add(new Opportunity(new Opportunity.Campaign("observation/" + observation.id(),
                "manual track", 0, 0), observation.noradId(), 1,
            observation.stationId().toString(), new Pass(observation.window().start(),
                observation.window().start(), observation.window().end(), Double.NaN, Double.NaN,
                Double.NaN, observation.maxElevation(), false, false)));
      }
    }
    for (PlanStore.PassRow row : kept) {
      if (!row.planned()) {
        continue;
      }
      Opportunity pass = new Opportunity(row.campaign(), row.noradId(), 1,
          row.stationId().toString(), new Pass(row.aos(), row.tca(), row.los(), row.aosAzimuth(),
              Double.NaN, row.losAzimuth(), row.maxElevation(), false, false));
      if (!row.aos().isAfter(now) || underWay.contains(row.id())) {
        running.add(pass);
      } else {
        fixed.add(pass);
      }
    }
    if (preempt) {
      running.clear();
    }

    List<Planner.Retry> retries = missedPasses.stream()
        .filter(missed -> planned.contains(missed.campaignId().toString()))
        .filter(missed -> data.served().stream().noneMatch(served ->
            served.campaignId().equals(missed.campaignId())
                && served.noradId() == missed.noradId()
                && !served.stationId().equals(missed.stationId())
                && !served.aos().isBefore(missed.window().start())))
        .map(missed -> new Planner.Retry(missed.campaignId().toString(), missed.noradId(),
            missed.stationId().toString(), missed.window()))
        .toList();

    List<Opportunity> usable = new ArrayList<>();
    for (Opportunity opportunity : opportunities) {
      boolean retry = retries.stream().anyMatch(r -> r.wants(opportunity));
      Instant aos = opportunity.pass().aos();
      if (aos.isBefore(frozenUntil) && (!retry || aos.isBefore(now.plus(RETRY_LEAD)))) {
        continue;
      }
      boolean duplicate = kept.stream().anyMatch(row -> (row.planned() || !retry)
          && row.campaign().id().equals(opportunity.campaign().id())
          && row.stationId().toString().equals(opportunity.stationId())
          && row.noradId() == opportunity.noradId()
          && row.window().overlaps(new TimeWindow(aos, opportunity.pass().los())));
      if (!duplicate) {
        usable.add(opportunity);
      }
    }

    Planner.Plan plan = planner.plan(usable, schedules, running, fixed, retries);
    List<Opportunity> early = usable.stream()
        .filter(o -> o.pass().aos().isBefore(frozenUntil) && !plan.notes().containsKey(o))
        .toList();
    Planner.Plan result = plan;
    if (!early.isEmpty()) {
      usable.removeAll(early);
      result = planner.plan(usable, schedules, running, fixed, retries);
    }

    List<PlanStore.NewPass> rows = new ArrayList<>();
    int plannedCount = 0;
    for (Opportunity opportunity : result.planned()) {
      if (!running.contains(opportunity) && !fixed.contains(opportunity)) {
        rows.add(row(opportunity, transmitters, null));
        plannedCount++;
      }
    }
    int rejectedCount = 0;
    for (Planner.Rejected rejected : result.rejected()) {
      if (!rejected.opportunity().pass().aos().isBefore(frozenUntil)) {
        rows.add(row(rejected.opportunity(), transmitters, rejected.reason()));
        rejectedCount++;
      }
    }
    Map<String, Boolean> states = new HashMap<>();
    online.forEach((id, state) -> states.put(id.toString(), state));
    return new Result(rows, new Outcome(
        stations.stream().map(UUID::toString).collect(Collectors.toSet()), planned.size(),
        plannedCount, rejectedCount, states));
  }

  private static PlanStore.NewPass row(Opportunity opportunity, Map<String, String> transmitters,
                                       String reason) {
    String campaign = opportunity.campaign().id();
    return new PlanStore.NewPass(UUID.fromString(campaign),
        UUID.fromString(opportunity.stationId()), opportunity.noradId(),
        transmitters.get(campaign + "/" + opportunity.noradId()), opportunity.pass(), reason);
  }
}
