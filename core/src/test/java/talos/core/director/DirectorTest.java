package talos.core.director;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orekit.propagation.analytical.tle.TLE;
import talos.core.cluster.StationOwnership;
import talos.core.orbit.Look;
import talos.core.orbit.OrbitFixtures;
import talos.core.orbit.Pass;
import talos.core.orbit.PassPredictor;
import talos.core.orbit.Tracker;
import talos.core.orbit.rotator.Angles;
import talos.core.orbit.rotator.Rotator;
import talos.protocol.PointingSetpoints;
import talos.protocol.RadioSetpoints;
import talos.protocol.SessionCommand;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Drives the director's logic through a real ISS pass over Berlin with a clock the test moves, a
 * recording station link and an in-memory observation store: nothing sleeps, and every instant
 * is chosen.
 */
class DirectorTest {

  private static final String NODE = "node-a";
  private static final Rotator ROTATOR = Rotator.of(0, 450, 0, 180).withSlewRates(6, 6);
  private static final long DOWNLINK = 437_800_000L;
  private static final TLE ISS = OrbitFixtures.tle(OrbitFixtures.ISS);
  private static final PassPredictor PREDICTOR = new PassPredictor(OrbitFixtures.CONTEXT);
  private static final Tracker TRACKER = new Tracker(OrbitFixtures.CONTEXT, ISS,
      OrbitFixtures.BERLIN);

  private static Pass pass;

  private final UUID orgId = UUID.randomUUID();
  private final UUID campaignId = UUID.randomUUID();
  private final List<String> members = new ArrayList<>(List.of(NODE));
  private final List<JsonObject> ended = new ArrayList<>();
  private final Map<String, Long> epochs = new HashMap<>();
  private UUID station;
  private MutableClock clock;
  private FakeStationLink link;
  private MemoryObservationStore store;
  private Counter setpoints;
  private Director director;

  @BeforeAll
  static void aHighPass() {
    pass = PREDICTOR.passes(ISS, OrbitFixtures.BERLIN, 0, OrbitFixtures.DAY,
            OrbitFixtures.DAY.plus(Duration.ofDays(2))).stream()
        .filter(candidate -> candidate.maxElevation() > 30).findFirst().orElseThrow();
  }

  @BeforeEach
  void aDirectorAlone() {
    station = UUID.randomUUID();
    clock = new MutableClock(pass.aos().minus(Duration.ofMinutes(20)));
    link = new FakeStationLink();
    link.telemetry(new JsonObject().put("t", clock.millis())
        .put("rotator", new JsonObject().put("az", 180.0).put("el", 0.0)));
    store = new MemoryObservationStore();
    store.station(station);
    setpoints = new SimpleMeterRegistry().counter("setpoints");
    director = director(NODE, new StationOwnership(NODE, () -> members));
  }

  /**
   * A planned pass becomes due 15 min ahead; its session starts before AOS, in time to
   * pre-position and no earlier than 10 min ahead, acknowledged, and holds the pre-position point.
   */
  @Test
  void startsAPlannedSessionInTimeToPrePositionAndHoldsThePrePositionPoint() {
    PlannedPass planned = plan();
    director.refresh();
    assertThat(store.rows()).isEmpty();

    clock.set(pass.aos().minus(Duration.ofMinutes(14)));
    director.tick();

    assertThat(store.rows()).singleElement().satisfies(row -> {
      assertThat(row.observation().outcome()).isEqualTo(Outcome.PENDING);
      assertThat(row.observation().plannedPassId()).isEqualTo(planned.id());
      assertThat(row.observation().campaignId()).isEqualTo(campaignId);
      assertThat(row.observation().plannedAos()).isEqualTo(pass.aos());
      assertThat(row.observation().maxElevation()).isEqualTo(pass.maxElevation());
    });
    Instant startAt = director.upcomingStart(station.toString()).orElseThrow();
    assertThat(startAt).isBetween(pass.aos().minus(Director.MAX_LEAD),
        pass.aos().minus(Director.START_MARGIN));

    clock.set(startAt.minusSeconds(1));
    director.tick();
    assertThat(link.commands(id())).isEmpty();

    clock.set(startAt);
    director.tick();

    SessionCommand start = link.commands(id()).get(0);
    assertThat(start.action()).isEqualTo(SessionCommand.Action.START);
    assertThat(start.norad()).isEqualTo(OrbitFixtures.ISS);
    TrackSession session = director.session(id()).orElseThrow();
    assertThat(session.track().startMovingBy()).isAfterOrEqualTo(startAt.plus(Director.START_MARGIN));
    Observation started = observation();
    assertThat(started.outcome()).isEqualTo(Outcome.TRACKING);
    assertThat(started.startedAt()).isEqualTo(startAt).isBefore(pass.aos());
    assertThat(started.sessionId()).isEqualTo(start.session());
    assertThat(started.epoch()).isEqualTo(start.epoch()).isEqualTo(1L);
    assertThat(started.drivenBy()).isEqualTo(NODE);
    PointingSetpoints pointing = last(link.pointing(id()));
    assertThat(pointing.session()).isEqualTo(start.session());
    assertThat(pointing.points()).hasSize(21).allSatisfy(point -> {
      assertThat(point.azimuth()).isEqualTo(session.track().path().prePosition().azimuth());
      assertThat(point.elevation()).isEqualTo(session.track().path().prePosition().elevation());
    });
    assertThat(link.radio(id())).as("no tuning while the satellite is below the horizon").isEmpty();

    clock.set(pass.aos().minus(Director.WINDOW).minusMillis(1));
    director.tick();
    assertThat(link.radio(id())).isEmpty();
    clock.set(pass.aos().minus(Director.WINDOW));
    director.tick();
    assertThat(link.radio(id())).as("tuned once the setpoints' window reaches AOS").isNotEmpty();
  }

  /** During the pass each tick streams the path and the Doppler-corrected downlink. */
  @Test
  void streamsSetpointsAlongThePathThroughThePass() {
    startThePlannedPass();
    TrackSession session = director.session(id()).orElseThrow();

    for (int second = 30; second < pass.duration() - 30; second += 60) {
      Instant now = pass.aos().plusSeconds(second);
      clock.set(now);
      director.tick();

      PointingSetpoints pointing = last(link.pointing(id()));
      assertThat(pointing.epoch()).isEqualTo(session.epoch());
      assertThat(pointing.points()).hasSize(21);
      assertThat(pointing.points().get(0).time()).isEqualTo(now);
      for (PointingSetpoints.Point point : pointing.points()) {
        PointingSetpoints.Point expected = session.track().pointing(point.time());
        assertThat(point.azimuth()).isEqualTo(expected.azimuth());
        assertThat(point.elevation()).isEqualTo(expected.elevation());
      }
      Look satellite = TRACKER.look(now);
      assertThat(Angles.separation(pointing.points().get(0).azimuth(),
          pointing.points().get(0).elevation(), satellite.azimuth(), satellite.elevation()))
          .isLessThan(2.5);
      RadioSetpoints radio = last(link.radio(id()));
      assertThat(radio.points().get(0).downlinkHz()).isEqualTo(session.track()
          .radio(now, Duration.ZERO, Director.SPACING, DOWNLINK, null).get(0).downlinkHz());
    }
    assertThat(setpoints.count()).isGreaterThan(1);
  }

  /**
   * At LOS the session ends: the rotator parks, the observation is completed with its times and
   * the end is published with exactly the agreed fields.
   */
  @Test
  void completesAndParksAtLossOfSignal() {
    PlannedPass planned = startThePlannedPass();
    clock.set(pass.los().plusMillis(100));
    director.tick();

    assertThat(last(link.commands(id())).action()).isEqualTo(SessionCommand.Action.PARK);
    assertThat(director.session(id())).isEmpty();
    MemoryObservationStore.Row row = store.rows().get(0);
    assertThat(row.observation().outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(row.endedAt()).isEqualTo(pass.los().plusMillis(100));
    assertThat(ended).singleElement().isEqualTo(new JsonObject()
        .put("observationId", row.observation().id().toString())
        .put("orgId", orgId.toString())
        .put("campaignId", campaignId.toString())
        .put("stationId", id())
        .put("plannedPassId", planned.id().toString())
        .put("noradId", OrbitFixtures.ISS)
        .put("outcome", "completed")
        .putNull("reason")
        .put("plannedAos", pass.aos().toString())
        .put("plannedLos", pass.los().toString()));
    int sent = link.pointing(id()).size();
    clock.advance(Duration.ofSeconds(1));
    director.tick();
    assertThat(link.pointing(id())).hasSize(sent);
  }

  /**
   * Telemetry taken during the pass gives the tracking error, written while tracking and at the
   * end; azimuths past 360° count as their normal direction, and telemetry before AOS is ignored.
   */
  @Test
  void recordsTheTrackingErrorFromTelemetry() {
    startThePlannedPass();
    TrackSession session = director.session(id()).orElseThrow();
    telemetry(pass.aos().minusSeconds(5), 0, 30);
    for (int i = 0; i < 10; i++) {
      telemetry(pass.aos().plusSeconds(20 + 20L * i), 0, 1);
    }
    PointingSetpoints.Point wrapped = session.track().pointing(pass.aos().plusSeconds(230));
    director.telemetry(id(), new JsonObject().put("t", pass.aos().plusSeconds(230).toEpochMilli())
        .put("session", session.sessionId())
        .put("rotator", new JsonObject().put("az", wrapped.azimuth() + 360)
            .put("el", wrapped.elevation())));
    director.telemetry(id(), new JsonObject().put("t", pass.aos().plusSeconds(240).toEpochMilli())
        .put("session", "another session")
        .put("rotator", new JsonObject().put("az", 0.0).put("el", 0.0)));

    clock.set(pass.aos().plusSeconds(250));
    director.tick();
    assertThat(store.progressWrites()).isPositive();
    assertThat(observation().samples()).isEqualTo(11);

    clock.set(pass.los().plusSeconds(1));
    director.tick();
    Observation done = observation();
    assertThat(done.outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(done.samples()).isEqualTo(11);
    assertThat(done.errorMax()).isCloseTo(1.0, within(1e-6));
    assertThat(done.errorRms()).isCloseTo(Math.sqrt(10.0 / 11), within(1e-6));
  }

  /** A station offline from its start time until AOS misses the pass, and the miss is published. */
  @Test
  void missesAPlannedPassWhileTheStationIsOffline() {
    PlannedPass planned = plan();
    link.offline(id(), true);
    clock.set(pass.aos().minus(Duration.ofMinutes(14)));
    director.tick();
    Instant startAt = director.upcomingStart(id()).orElseThrow();

    for (Instant t = startAt; t.isBefore(pass.aos()); t = t.plusSeconds(1)) {
      clock.set(t);
      director.tick();
    }
    assertThat(observation().outcome()).isEqualTo(Outcome.PENDING);
    assertThat(link.commands(id())).isEmpty();

    clock.set(pass.aos().plusMillis(500));
    director.tick();

    MemoryObservationStore.Row row = store.rows().get(0);
    assertThat(row.observation().outcome()).isEqualTo(Outcome.MISSED);
    assertThat(row.reason()).isEqualTo("station offline at AOS");
    assertThat(ended).singleElement().satisfies(end -> {
      assertThat(end.getString("outcome")).isEqualTo("missed");
      assertThat(end.getString("reason")).isEqualTo("station offline at AOS");
      assertThat(end.getString("plannedPassId")).isEqualTo(planned.id().toString());
    });
  }

  /** An operator's stop aborts the observation with its reason and parks. */
  @Test
  void anOperatorsStopAbortsTheObservationAndParks() {
    startThePlannedPass();
    clock.set(pass.aos().plusSeconds(60));
    director.tick();

    assertThat(director.stop(id()).succeeded()).isTrue();

    assertThat(last(link.commands(id())).action()).isEqualTo(SessionCommand.Action.PARK);
    MemoryObservationStore.Row row = store.rows().get(0);
    assertThat(row.observation().outcome()).isEqualTo(Outcome.ABORTED);
    assertThat(row.reason()).isEqualTo("stopped by an operator");
    assertThat(ended).singleElement().satisfies(end ->
        assertThat(end.getString("outcome")).isEqualTo("aborted"));
  }

  /** An agent that refuses the start aborts the observation with the agent's reason. */
  @Test
  void aRefusedStartAbortsTheObservation() {
    plan();
    link.refuse(id());
    clock.set(pass.aos().minus(Duration.ofMinutes(14)));
    director.tick();
    clock.set(director.upcomingStart(id()).orElseThrow());
    director.tick();

    MemoryObservationStore.Row row = store.rows().get(0);
    assertThat(row.observation().outcome()).isEqualTo(Outcome.ABORTED);
    assertThat(row.reason()).contains("refused").contains("rotator busy");
    assertThat(director.session(id())).isEmpty();
  }

  /** A station that drops off mid-pass for longer than the grace period aborts the observation. */
  @Test
  void aStationThatDropsOffMidPassAbortsTheObservation() {
    startThePlannedPass();
    clock.set(pass.aos().plusSeconds(30));
    director.status(id(), false);
    clock.advance(Director.OFFLINE_GRACE.minusSeconds(1));
    director.tick();
    assertThat(observation().outcome()).isEqualTo(Outcome.TRACKING);

    clock.advance(Duration.ofSeconds(1));
    director.tick();

    assertThat(store.rows().get(0).observation().outcome()).isEqualTo(Outcome.ABORTED);
    assertThat(store.rows().get(0).reason()).contains("went offline during the pass");
  }

  /**
   * A manual track takes the station from a prepared planned pass, and a planned pass whose AOS
   * comes while a manual track holds the station is missed, naming the manual track.
   */
  @Test
  void aManualTrackWinsOverAPlannedPass() {
    plan();
    clock.set(pass.aos().minus(Duration.ofMinutes(14)));
    director.tick();
    Observation planned = observation();
    // the node that took the request ended the planned observation and recorded the manual one
    store.end(planned.id(), Outcome.ABORTED, "taken over by a manual track", clock.instant(), null);
    Observation manual = manual();
    store.put(manual);

    assertThat(director.startManual(manual).succeeded()).isTrue();

    assertThat(director.upcomingStart(id())).isEmpty();
    assertThat(director.session(id()).orElseThrow().observation().id()).isEqualTo(manual.id());
    assertThat(store.row(planned.id()).reason()).isEqualTo("taken over by a manual track");
    assertThat(store.row(manual.id()).observation().outcome()).isEqualTo(Outcome.TRACKING);

    PlannedPass later = plan(pass);
    store.unplan(planned.plannedPassId());
    clock.set(pass.aos().plusSeconds(1));
    director.tick();
    assertThat(store.rows()).filteredOn(row -> later.id().equals(row.observation().plannedPassId()))
        .singleElement().satisfies(row -> {
          assertThat(row.observation().outcome()).isEqualTo(Outcome.MISSED);
          assertThat(row.reason()).isEqualTo("station held by the manual track of observation "
              + manual.id());
        });
  }

  /**
   * Gaining a station whose observation another node was tracking takes the session over with a
   * higher epoch and the same session, and losing it stops the setpoints at once without a park.
   */
  @Test
  void takesOverAnObservationUnderWayAndLetsGoOfALostStation() {
    members.add("node-b");
    station = stationOwnedBy("node-b");
    store.station(station);
    clock.set(pass.aos().plusSeconds(120));
    Observation running = new Observation(UUID.randomUUID(), orgId, station, campaignId,
        UUID.randomUUID(), OrbitFixtures.ISS, null, pass.aos(), pass.los(), pass.maxElevation(),
        Outcome.TRACKING, "session-1", 3L, "node-b", pass.aos().minusSeconds(60), 0.5, 0.8, 20,
        pass.aos().minus(Duration.ofMinutes(15)));
    store.put(running);
    epochs.put(id(), 3L);
    director.tick();
    assertThat(link.commands(id())).isEmpty();

    members.remove("node-b");
    director.tick();

    SessionCommand start = link.commands(id()).get(0);
    assertThat(start.action()).isEqualTo(SessionCommand.Action.START);
    assertThat(start.epoch()).isEqualTo(4L);
    assertThat(start.session()).isEqualTo("session-1");
    Observation taken = observation();
    assertThat(taken.drivenBy()).isEqualTo(NODE);
    assertThat(taken.epoch()).isEqualTo(4L);
    assertThat(taken.startedAt()).isEqualTo(pass.aos().minusSeconds(60));
    PointingSetpoints pointing = last(link.pointing(id()));
    assertThat(pointing.epoch()).isEqualTo(4L);
    Look satellite = TRACKER.look(clock.instant());
    assertThat(Angles.separation(pointing.points().get(0).azimuth(),
        pointing.points().get(0).elevation(), satellite.azimuth(), satellite.elevation()))
        .isLessThan(2.5);

    members.add("node-b");
    int commands = link.commands(id()).size();
    int sent = link.pointing(id()).size();
    clock.advance(Duration.ofSeconds(1));
    director.tick();
    assertThat(director.session(id())).isEmpty();
    assertThat(link.pointing(id())).hasSize(sent);
    assertThat(link.commands(id())).hasSize(commands);
    assertThat(observation().outcome()).isEqualTo(Outcome.TRACKING);
  }

  /** An observation left under way by a node that died before LOS is closed, not restarted. */
  @Test
  void closesAnObservationNobodyDroveToItsEnd() {
    clock.set(pass.los().plusSeconds(60));
    Observation stale = new Observation(UUID.randomUUID(), orgId, station, campaignId,
        UUID.randomUUID(), OrbitFixtures.ISS, null, pass.aos(), pass.los(), pass.maxElevation(),
        Outcome.TRACKING, "session-1", 3L, "node-b", pass.aos(), null, null, 0, pass.aos());
    store.put(stale);

    director.tick();

    assertThat(store.rows().get(0).observation().outcome()).isEqualTo(Outcome.ABORTED);
    assertThat(store.rows().get(0).reason()).contains("node-b");
    assertThat(link.commands(id())).isEmpty();
  }

  private Director director(String node, StationOwnership ownership) {
    SessionPlanner planner = (observation, from, now) -> {
      Pass found = PREDICTOR.passes(ISS, OrbitFixtures.BERLIN, 0,
              observation.plannedAos().minus(Duration.ofMinutes(5)),
              observation.plannedLos().plus(Duration.ofMinutes(5))).stream()
          .filter(candidate -> candidate.los().isAfter(now))
          .min(Comparator.comparing(candidate ->
              Math.abs(candidate.aos().toEpochMilli() - observation.plannedAos().toEpochMilli())))
          .orElseThrow();
      return Future.succeededFuture(new SessionPlanner.Plan(
          new TrackSession.Target(observation.stationId().toString(), "Roof",
              observation.orgId().toString(), "ground", observation.noradId(), "ISS (ZARYA)"),
          PassTrack.compute(TRACKER, found, ROTATOR, from, now, now),
          new TrackSession.Radio("iss-fm", "FM voice", DOWNLINK, null, "FM")));
    };
    Epochs counter = stationId -> Future.succeededFuture(epochs.merge(stationId, 1L, Long::sum));
    return new Director(node, clock, ownership, stationId -> true, link, store, planner, counter,
        ended::add, setpoints);
  }

  private PlannedPass plan() {
    return plan(pass);
  }

  private PlannedPass plan(Pass planned) {
    PlannedPass row = new PlannedPass(UUID.randomUUID(), orgId, campaignId, station,
        OrbitFixtures.ISS, null, planned.aos(), planned.tca(), planned.los(),
        planned.maxElevation(), null);
    store.plan(row);
    return row;
  }

  private PlannedPass startThePlannedPass() {
    PlannedPass planned = plan();
    clock.set(pass.aos().minus(Duration.ofMinutes(14)));
    director.tick();
    clock.set(director.upcomingStart(id()).orElseThrow());
    director.tick();
    assertThat(director.session(id())).isPresent();
    return planned;
  }

  private Observation manual() {
    return new Observation(UUID.randomUUID(), orgId, station, null, null, OrbitFixtures.ISS, null,
        pass.aos(), pass.los(), pass.maxElevation(), Outcome.PENDING, null, null, null, null, null,
        null, 0, clock.instant());
  }

  /** Telemetry at {@code t}: the commanded direction, off by the given degrees. */
  private void telemetry(Instant t, double azimuthOffset, double elevationOffset) {
    TrackSession session = director.session(id()).orElseThrow();
    PointingSetpoints.Point commanded = session.track().pointing(t);
    director.telemetry(id(), new JsonObject().put("t", t.toEpochMilli())
        .put("session", session.sessionId())
        .put("rotator", new JsonObject().put("az", commanded.azimuth() + azimuthOffset)
            .put("el", commanded.elevation() + elevationOffset)));
  }

  private Observation observation() {
    return store.rows().get(store.rows().size() - 1).observation();
  }

  private UUID stationOwnedBy(String node) {
    UUID candidate = UUID.randomUUID();
    while (!node.equals(StationOwnership.owner(candidate.toString(), members))) {
      candidate = UUID.randomUUID();
    }
    return candidate;
  }

  private String id() {
    return station.toString();
  }

  private static <T> T last(List<T> list) {
    assertThat(list).isNotEmpty();
    return list.get(list.size() - 1);
  }
}
