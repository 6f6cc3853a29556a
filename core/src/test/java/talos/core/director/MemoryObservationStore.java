package talos.core.director;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The observation store in memory, with the same rules as the database: one observation per
 * planned pass, at most one under way per station, and writes that only touch observations
 * still under way.
 */
final class MemoryObservationStore implements ObservationStore {

  /** An observation row: the observation plus what only the row holds. */
  record Row(Observation observation, String reason, Instant endedAt) {
  }

  private final List<UUID> stations = new ArrayList<>();
  private final List<PlannedPass> planned = new ArrayList<>();
  private final Map<UUID, Row> rows = new LinkedHashMap<>();
  private int progressWrites;

  void station(UUID stationId) {
    stations.add(stationId);
  }

  void plan(PlannedPass pass) {
    planned.add(pass);
  }

  void unplan(UUID passId) {
    planned.removeIf(pass -> pass.id().equals(passId));
  }

  /** Adds an observation as another node recorded it. */
  void put(Observation observation) {
    rows.put(observation.id(), new Row(observation, null, null));
  }

  Row row(UUID observationId) {
    return rows.get(observationId);
  }

  List<Row> rows() {
    return new ArrayList<>(rows.values());
  }

  int progressWrites() {
    return progressWrites;
  }

  @Override
  public Future<List<UUID>> stations() {
    return Future.succeededFuture(List.copyOf(stations));
  }

  @Override
  public Future<List<PlannedPass>> duePasses(Collection<UUID> owned, Instant now, Instant until) {
    List<PlannedPass> due = new ArrayList<>();
    for (PlannedPass pass : planned) {
      if (owned.contains(pass.stationId()) && pass.aos().isBefore(until)
          && pass.los().isAfter(now)) {
        UUID observation = rows.values().stream()
            .filter(row -> pass.id().equals(row.observation().plannedPassId()))
            .map(row -> row.observation().id()).findFirst().orElse(null);
        due.add(new PlannedPass(pass.id(), pass.orgId(), pass.campaignId(), pass.stationId(),
            pass.noradId(), pass.transmitterId(), pass.aos(), pass.tca(), pass.los(),
            pass.maxElevation(), observation));
      }
    }
    due.sort(Comparator.comparing(PlannedPass::aos));
    return Future.succeededFuture(due);
  }

  @Override
  public Future<List<Observation>> underWay(Collection<UUID> owned) {
    return Future.succeededFuture(rows.values().stream().map(Row::observation)
        .filter(observation -> owned.contains(observation.stationId())
            && observation.outcome().underWay())
        .toList());
  }

  @Override
  public Future<Optional<Observation>> open(PlannedPass pass, String node) {
    return insert(pass, Outcome.PENDING, null, node, null);
  }

  @Override
  public Future<Optional<Observation>> close(PlannedPass pass, Outcome outcome, String reason,
                                             String node, Instant at) {
    return insert(pass, outcome, reason, node, at);
  }

  private Future<Optional<Observation>> insert(PlannedPass pass, Outcome outcome, String reason,
                                               String node, Instant endedAt) {
    boolean taken = rows.values().stream().anyMatch(row ->
        pass.id().equals(row.observation().plannedPassId())
            || outcome.underWay() && row.observation().outcome().underWay()
            && row.observation().stationId().equals(pass.stationId()));
    if (taken) {
      return Future.succeededFuture(Optional.empty());
    }
    Observation observation = new Observation(UUID.randomUUID(), pass.orgId(), pass.stationId(),
        pass.campaignId(), pass.id(), pass.noradId(), pass.transmitterId(), pass.aos(), pass.los(),
        pass.maxElevation(), outcome, null, null, node, null, null, null, 0, Instant.now());
    rows.put(observation.id(), new Row(observation, reason, endedAt));
    return Future.succeededFuture(Optional.of(observation));
  }

  @Override
  public Future<Boolean> started(Observation observation, Instant at) {
    Row row = rows.get(observation.id());
    if (row == null || !row.observation().outcome().underWay()) {
      return Future.succeededFuture(false);
    }
    Observation was = row.observation();
    rows.put(was.id(), new Row(was.driven(Outcome.TRACKING, observation.sessionId(),
        observation.epoch(), observation.drivenBy(),
        was.startedAt() == null ? at : was.startedAt()), null, null));
    return Future.succeededFuture(true);
  }

  @Override
  public Future<Void> progress(List<Progress> progress) {
    progressWrites++;
    progress.forEach(one -> {
      Row row = rows.get(one.observationId());
      if (row != null && row.observation().outcome().underWay()) {
        rows.put(one.observationId(), new Row(withError(row.observation(), one), null, null));
      }
    });
    return Future.succeededFuture();
  }

  @Override
  public Future<Optional<Observation>> end(UUID observationId, Outcome outcome, String reason,
                                           Instant at, Progress progress) {
    Row row = rows.get(observationId);
    if (row == null || !row.observation().outcome().underWay()) {
      return Future.succeededFuture(Optional.empty());
    }
    Observation was = progress == null || progress.samples() == 0 ? row.observation()
        : withError(row.observation(), progress);
    Observation ended = new Observation(was.id(), was.orgId(), was.stationId(), was.campaignId(),
        was.plannedPassId(), was.noradId(), was.transmitterId(), was.plannedAos(),
        was.plannedLos(), was.maxElevation(), outcome, was.sessionId(), was.epoch(),
        was.drivenBy(), was.startedAt(), was.errorRms(), was.errorMax(), was.samples(),
        was.createdAt());
    rows.put(observationId, new Row(ended, reason, at));
    return Future.succeededFuture(Optional.of(ended));
  }

  private static Observation withError(Observation was, Progress progress) {
    return new Observation(was.id(), was.orgId(), was.stationId(), was.campaignId(),
        was.plannedPassId(), was.noradId(), was.transmitterId(), was.plannedAos(),
        was.plannedLos(), was.maxElevation(), was.outcome(), was.sessionId(), was.epoch(),
        was.drivenBy(), was.startedAt(), progress.rms(), progress.max(), progress.samples(),
        was.createdAt());
  }
}
