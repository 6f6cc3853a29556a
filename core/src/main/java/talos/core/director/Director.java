package talos.core.director;

import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.core.bus.ServiceFailure;
import talos.core.cluster.StationOwnership;
import talos.core.orbit.rotator.Angles;
import talos.core.orbit.rotator.RotatorPosition;
import talos.protocol.PointingSetpoints;
import talos.protocol.RadioSetpoints;
import talos.protocol.SessionCommand;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The director's logic for the stations one director instance drives, without timers or the bus:
 * the verticle calls {@link #tick()} on its beat, {@link #refresh()} every few seconds and feeds in
 * telemetry, status changes and requests; the time comes from a {@link Clock}, so tests drive it
 * with a clock of their own.
 *
 * <p>For each station it owns ({@link StationOwnership}) it finds the planned passes due soon,
 * records their observations, plans the rotator's path, starts an acknowledged session in time to
 * pre-position, streams setpoints through the pass and parks at LOS; it starts manual tracks it is
 * asked to, takes over observations under way when it gains a station, and drops what it drives
 * when it loses one. Every observation's row follows along: planned against actual times, outcome
 * and reason, session, epoch, driving node, and the tracking error measured from telemetry.
 *
 * <p>Confined to one thread (a verticle's event loop): every method, and every future it is given,
 * must complete on it.
 */
final class Director {

  /** How far ahead each setpoint message reaches, so an agent rides out a short link loss. */
  static final Duration WINDOW = Duration.ofSeconds(10);
  /** Spacing of the points inside one setpoint message. */
  static final Duration SPACING = Duration.ofMillis(500);
  /** How long before AOS a planned pass becomes due: its observation is recorded and planned. */
  static final Duration LOOK_AHEAD = Duration.ofMinutes(15);
  /** The earliest a planned session starts before AOS. */
  static final Duration MAX_LEAD = Duration.ofMinutes(10);
  /** How much earlier than the rotator must start moving the session starts. */
  static final Duration START_MARGIN = Duration.ofSeconds(60);
  /** How often the planned passes and the observations under way are read again. */
  static final Duration REFRESH = Duration.ofSeconds(5);
  /** How often the tracking error of running sessions is written. */
  static final Duration FLUSH = Duration.ofSeconds(10);
  /** How often a station that was offline when its session had to start is tried again. */
  static final Duration RETRY = Duration.ofSeconds(2);
  /** How long a station may be offline during a pass before its observation is aborted. */
  static final Duration OFFLINE_GRACE = Duration.ofSeconds(30);
  /** How long a manual track's observation may stay pending before it counts as abandoned. */
  static final Duration MANUAL_START_LIMIT = Duration.ofMinutes(1);

  private static final Logger LOG = LoggerFactory.getLogger(Director.class);

  /** Told when this director starts and stops driving a station, to serve its bus address. */
  interface Hooks {

    void adopted(String stationId);

    void dropped(String stationId);

    Hooks NONE = new Hooks() {
      @Override
      public void adopted(String stationId) {
      }

      @Override
      public void dropped(String stationId) {
      }
    };
  }

  /** A planned observation whose path is worked out, waiting for its start time. */
  private static final class Upcoming {

    private final Observation observation;
    private final SessionPlanner.Plan plan;
    private final Instant startAt;
    private Instant nextAttempt;

    private Upcoming(Observation observation, SessionPlanner.Plan plan, Instant startAt) {
      this.observation = observation;
      this.plan = plan;
      this.startAt = startAt;
      this.nextAttempt = startAt;
    }

    private String stationId() {
      return observation.stationId().toString();
    }
  }

  /** An observation between asynchronous steps (planning, connection check, start). */
  private record Starting(Observation observation, Future<TrackSession> future) {

    UUID observationId() {
      return observation.id();
    }
  }

  private final String nodeId;
  private final Clock clock;
  private final StationOwnership ownership;
  private final Predicate<String> mine;
  private final StationLink link;
  private final ObservationStore store;
  private final SessionPlanner planner;
  private final Epochs epochs;
  private final Consumer<JsonObject> ended;
  private final Counter setpointsSent;
  private final Map<String, TrackSession> sessions = new HashMap<>();
  private final Map<String, Upcoming> upcoming = new HashMap<>();
  private final Map<String, Starting> starting = new HashMap<>();
  private final Set<String> opening = new HashSet<>();
  private final Map<UUID, Instant> recentlyEnded = new HashMap<>();
  private final List<TrackSession> finishing = new ArrayList<>();
  private final List<Upcoming> due = new ArrayList<>();
  private Hooks hooks = Hooks.NONE;
  private Instant nextRefresh = Instant.MIN;
  private Instant nextFlush = Instant.MIN;
  private boolean refreshing;

  /**
   * @param ownership which stations this node owns; the director listens to its changes
   * @param mine which of the node's stations this instance drives (all, for a single instance)
   * @param ended publishes an observation's end ({@link Observation#ended})
   */
  Director(String nodeId, Clock clock, StationOwnership ownership, Predicate<String> mine,
           StationLink link, ObservationStore store, SessionPlanner planner, Epochs epochs,
           Consumer<JsonObject> ended, Counter setpointsSent) {
    this.nodeId = nodeId;
    this.clock = clock;
    this.ownership = ownership;
    this.mine = mine;
    this.link = link;
    this.store = store;
    this.planner = planner;
    this.epochs = epochs;
    this.ended = ended;
    this.setpointsSent = setpointsSent;
    ownership.listen(this::ownershipChanged);
  }

  void hooks(Hooks listener) {
    this.hooks = listener;
  }

  /** How many sessions this director is streaming to. */
  int sessionCount() {
    return sessions.size();
  }

  /** When the prepared observation of a station is to start, if one is waiting. */
  Optional<Instant> upcomingStart(String stationId) {
    return Optional.ofNullable(upcoming.get(stationId)).map(next -> next.startAt);
  }

  /** The session a station is running, if this director drives it. */
  Optional<TrackSession> session(String stationId) {
    return Optional.ofNullable(sessions.get(stationId));
  }

  /** The sessions this director is running, as they are now (a read-only view). */
  Collection<TrackSession> sessions() {
    return Collections.unmodifiableCollection(sessions.values());
  }

  /** The session of a station as the status API shows it, or {@code null}. */
  JsonObject state(String stationId) {
    TrackSession session = sessions.get(stationId);
    return session == null ? null : session.toJson(clock.instant());
  }

  /**
   * One beat: checks the member list, streams setpoints to every running session, ends sessions
   * at LOS (completed, then parked) or when their station stayed offline, starts planned sessions
   * that are due, and writes tracking errors and refreshes the plan when their time has come.
   */
  void tick() {
    if (ownership.check()) {
      // stations added since the last refresh are not known to the ownership yet: read them now
      requestRefresh();
    }
    Instant now = clock.instant();
    finishing.clear();
    for (TrackSession session : sessions.values()) {
      if (session.phase(now) == TrackSession.Phase.FINISHED || session.offlineSince() != null
          && !now.isBefore(session.offlineSince().plus(OFFLINE_GRACE))) {
        finishing.add(session);
      } else {
        send(session, now);
      }
    }
    for (TrackSession session : finishing) {
      if (session.phase(now) == TrackSession.Phase.FINISHED) {
        finish(session, Outcome.COMPLETED, null, true)
            .onFailure(failure -> LOG.warn("park after the pass failed [station: {}]: {}",
                session.stationId(), failure.getMessage()));
      } else {
        finish(session, Outcome.ABORTED, "the station went offline during the pass at "
            + session.offlineSince(), false);
      }
    }
    due.clear();
    for (Upcoming next : upcoming.values()) {
      if (!now.isBefore(next.nextAttempt) && !starting.containsKey(next.stationId())) {
        due.add(next);
      }
    }
    for (Upcoming next : due) {
      attempt(next, true);
    }
    if (!now.isBefore(nextFlush)) {
      flush(now);
    }
    if (!now.isBefore(nextRefresh)) {
      refresh();
    }
  }

  /**
   * Reads the stations, the observations under way and the planned passes due soon, and acts on
   * them: takes over observations this director should drive, records and prepares due passes,
   * drops prepared ones that left the plan, and records passes missed for a busy station.
   */
  Future<Void> refresh() {
    if (refreshing) {
      return Future.succeededFuture();
    }
    refreshing = true;
    Instant started = clock.instant();
    nextRefresh = started.plus(REFRESH);
    recentlyEnded.values().removeIf(at -> at.isBefore(started.minus(REFRESH.multipliedBy(2))));
    return store.stations()
        .compose(all -> {
          ownership.stations(all.stream().map(UUID::toString).filter(mine).toList());
          return store.underWay(owned());
        })
        .compose(observations -> {
          observations.forEach(this::takeOver);
          Instant now = clock.instant();
          return store.duePasses(owned(), now, now.plus(LOOK_AHEAD));
        })
        .map(passes -> {
          reconcile(passes);
          return (Void) null;
        })
        .onFailure(failure -> LOG.warn("director refresh failed: {}", failure.getMessage()))
        .onComplete(ignored -> refreshing = false);
  }

  /**
   * Refreshes now (or right after the refresh under way), for the scheduler changed the plan of
   * these stations; an empty list stands for every station.
   */
  void scheduleChanged(List<String> stationIds) {
    if (stationIds.isEmpty()
        || stationIds.stream().anyMatch(id -> ownership.owns(id) && mine.test(id))) {
      requestRefresh();
    }
  }

  /** Refreshes now, or right after the refresh under way. */
  private void requestRefresh() {
    if (refreshing) {
      nextRefresh = Instant.MIN;
    } else {
      refresh();
    }
  }

  /**
   * Starts a manual track whose observation another node recorded (pending): drops whatever this
   * director drives on the station, plans the pass from the rotator's measured position, takes a
   * new epoch and starts the session.
   *
   * @return the session, or the failure (409 offline or refused, 504 silent agent, no pass) after
   *     the observation was ended with it
   */
  Future<TrackSession> startManual(Observation observation) {
    String stationId = observation.stationId().toString();
    TrackSession running = sessions.get(stationId);
    if (running != null && running.observation().id().equals(observation.id())) {
      return Future.succeededFuture(running);
    }
    Starting pending = starting.get(stationId);
    if (pending != null && pending.observationId().equals(observation.id())) {
      return pending.future();
    }
    drop(stationId, "taken over by a manual track");
    return guarded(observation, () -> prepare(observation)
        .compose(next -> attempt(next, false)));
  }

  /**
   * Ends the session of a station at an operator's request and parks the rotator.
   *
   * @return a future that succeeds once the agent acknowledged the park, or at once when this
   *     director runs no session on the station (any more)
   */
  Future<Void> stop(String stationId) {
    TrackSession session = sessions.get(stationId);
    if (session == null) {
      return Future.succeededFuture();
    }
    return finish(session, Outcome.ABORTED, "stopped by an operator", true);
  }

  /**
   * A telemetry message of a station ({@code telemetry} as the protocol writes it): while the
   * station is tracking, the angle between the commanded and the measured direction at the
   * message's time is added to the session's tracking error.
   */
  void telemetry(String stationId, JsonObject telemetry) {
    TrackSession session = sessions.get(stationId);
    if (session == null || telemetry == null) {
      return;
    }
    String sessionOf = telemetry.getString("session");
    JsonObject rotator = telemetry.getJsonObject("rotator");
    Long t = telemetry.getLong("t");
    if (rotator == null || t == null
        || sessionOf != null && !sessionOf.equals(session.sessionId())) {
      return;
    }
    Instant at = Instant.ofEpochMilli(t);
    if (session.phase(at) != TrackSession.Phase.TRACKING) {
      return;
    }
    PointingSetpoints.Point commanded = session.track().pointing(at);
    session.error().add(Angles.separation(commanded.azimuth(), commanded.elevation(),
        rotator.getDouble("az"), rotator.getDouble("el")));
  }

  /** A station came online or went offline. */
  void status(String stationId, boolean online) {
    TrackSession session = sessions.get(stationId);
    if (session != null) {
      session.offlineSince(online ? null : clock.instant());
    }
  }

  /** Stops driving everything, for the node stops: agents stop on silence, the next owner goes on. */
  Set<String> close() {
    Set<String> driven = new HashSet<>(sessions.keySet());
    new ArrayList<>(sessions.keySet()).forEach(station -> drop(station, "node stopping"));
    upcoming.clear();
    starting.clear();
    opening.clear();
    return driven;
  }

  private void ownershipChanged(Set<String> gained, Set<String> lost) {
    for (String stationId : lost) {
      drop(stationId, "station now owned by node " + ownership.owner(stationId));
    }
    if (!gained.isEmpty()) {
      LOG.info("stations gained [count: {}, members: {}]", gained.size(),
          ownership.members().size());
      store.underWay(gained.stream().map(UUID::fromString).toList())
          .onSuccess(observations -> observations.forEach(this::takeOver))
          .onFailure(failure -> LOG.warn("reading observations under way failed: {}",
              failure.getMessage()));
      nextRefresh = Instant.MIN;
    }
  }

  /** Stops driving a station at once, without a park and without touching its observation. */
  private void drop(String stationId, String reason) {
    TrackSession session = sessions.remove(stationId);
    upcoming.remove(stationId);
    starting.remove(stationId);
    if (session != null) {
      hooks.dropped(stationId);
      LOG.info("stopped driving station [station: {}, session: {}, reason: {}]", stationId,
          session.sessionId(), reason);
    }
  }

  /** An observation under way that this director does not drive yet: take it on, or close it. */
  private void takeOver(Observation observation) {
    String stationId = observation.stationId().toString();
    Instant now = clock.instant();
    if (!ownership.owns(stationId) || !mine.test(stationId) || knows(observation)
        || recentlyEnded.containsKey(observation.id()) || newerThan(observation)) {
      return;
    }
    if (observation.manual() && observation.outcome() == Outcome.PENDING) {
      // the node that recorded it is asking for its start; close it only when it was abandoned
      if (!now.isBefore(observation.createdAt().plus(MANUAL_START_LIMIT))) {
        end(observation, Outcome.ABORTED, "the track request was not carried out", null);
      }
      return;
    }
    if (!now.isBefore(observation.plannedLos())) {
      if (observation.outcome() == Outcome.TRACKING) {
        end(observation, Outcome.ABORTED, "node " + observation.drivenBy()
            + " stopped driving it and no node took it over before LOS", null);
      } else {
        end(observation, Outcome.MISSED, "no node started it before LOS", null);
      }
      return;
    }
    drop(stationId, "observation " + observation.id() + " is under way");
    LOG.info("taking over observation [station: {}, observation: {}, outcome: {}, from: {}]",
        stationId, observation.id(), observation.outcome().wireName(), observation.drivenBy());
    guarded(observation, () -> prepare(observation).compose(next ->
            clock.instant().isBefore(next.startAt) ? Future.succeededFuture(null)
                : attempt(next, true)))
        .onFailure(failure -> LOG.debug("take-over did not start [station: {}]: {}", stationId,
            failure.getMessage()));
  }

  /**
   * Whether this director is already busy with an observation of the station recorded after this
   * one: observations of a station are under way one after the other, so this one was read before
   * it ended.
   */
  private boolean newerThan(Observation observation) {
    String stationId = observation.stationId().toString();
    TrackSession session = sessions.get(stationId);
    Upcoming next = upcoming.get(stationId);
    Starting pending = starting.get(stationId);
    Observation occupant = session != null ? session.observation()
        : next != null ? next.observation : pending != null ? pending.observation() : null;
    return occupant != null && occupant.createdAt().isAfter(observation.createdAt());
  }

  private boolean knows(Observation observation) {
    String stationId = observation.stationId().toString();
    TrackSession session = sessions.get(stationId);
    Upcoming next = upcoming.get(stationId);
    Starting pending = starting.get(stationId);
    return session != null && session.observation().id().equals(observation.id())
        || next != null && next.observation.id().equals(observation.id())
        || pending != null && pending.observationId().equals(observation.id());
  }

  /** Acts on the planned passes due soon of the stations this director drives. */
  private void reconcile(List<PlannedPass> passes) {
    Instant now = clock.instant();
    Set<UUID> planned = new HashSet<>();
    passes.forEach(pass -> planned.add(pass.id()));
    for (Upcoming next : new ArrayList<>(upcoming.values())) {
      UUID passId = next.observation.plannedPassId();
      if (passId != null && !planned.contains(passId)) {
        upcoming.remove(next.stationId());
        end(next.observation, Outcome.ABORTED, "no longer in the plan", null);
      }
    }
    Set<String> claimed = new HashSet<>();
    for (PlannedPass pass : passes) {
      String stationId = pass.stationId().toString();
      if (pass.observationId() != null || !ownership.owns(stationId) || !mine.test(stationId)
          || upcoming.containsKey(stationId) || starting.containsKey(stationId)
          || opening.contains(stationId) || !claimed.add(stationId)) {
        continue;
      }
      TrackSession busy = sessions.get(stationId);
      if (busy != null) {
        if (!now.isBefore(pass.aos())) {
          String reason = busy.observation().manual()
              ? "station held by the manual track of observation " + busy.observation().id()
              : "station still busy with observation " + busy.observation().id();
          store.close(pass, Outcome.MISSED, reason, nodeId, now)
              .onSuccess(closed -> closed.ifPresent(observation -> publishEnd(observation,
                  Outcome.MISSED, reason)));
        }
        continue;
      }
      open(pass);
    }
  }

  /** Records a due planned pass's observation and prepares its session. */
  private void open(PlannedPass pass) {
    String stationId = pass.stationId().toString();
    opening.add(stationId);
    store.open(pass, nodeId)
        .onComplete(result -> opening.remove(stationId))
        .onSuccess(found -> found.ifPresent(observation -> {
          LOG.info("planned pass due [station: {}, observation: {}, norad: {}, aos: {}]",
              stationId, observation.id(), observation.noradId(), observation.plannedAos());
          guarded(observation, () -> prepare(observation).compose(next ->
              clock.instant().isBefore(next.startAt) ? Future.succeededFuture(null)
                  : attempt(next, true)));
        }))
        .onFailure(failure -> LOG.warn("recording a planned observation failed [station: {}]: {}",
            stationId, failure.getMessage()));
  }

  /**
   * Plans an observation's session from where the rotator is expected to be (the end of the pass
   * it is following, else its measured position) and keeps it as upcoming.
   */
  private Future<Upcoming> prepare(Observation observation) {
    String stationId = observation.stationId().toString();
    TrackSession before = sessions.get(stationId);
    Future<RotatorPosition> from = before != null ? Future.succeededFuture(before.track().end())
        : link.state(stationId).map(state -> state.map(Director::measured).orElse(null));
    return from
        .compose(position -> planner.plan(observation, position, clock.instant()))
        .recover(failure -> {
          if (current(observation)) {
            end(observation, observation.outcome() == Outcome.TRACKING ? Outcome.ABORTED
                : Outcome.MISSED, "no plan: " + failure.getMessage(), null);
          }
          return Future.failedFuture(failure);
        })
        .compose(plan -> {
          if (!current(observation)) {
            return Future.failedFuture(superseded(observation));
          }
          Upcoming next = new Upcoming(observation, plan, startAt(observation, plan));
          upcoming.put(stationId, next);
          return Future.succeededFuture(next);
        });
  }

  /**
   * When a session starts: at once for one under way or past AOS; else in time for the rotator to
   * pre-position with a margin, but never more than {@link #MAX_LEAD} before AOS.
   */
  private Instant startAt(Observation observation, SessionPlanner.Plan plan) {
    Instant aos = plan.track().aos();
    Instant now = clock.instant();
    if (observation.outcome() == Outcome.TRACKING || !now.isBefore(aos)) {
      return now;
    }
    Instant needed = plan.track().startMovingBy().minus(START_MARGIN);
    Instant earliest = aos.minus(MAX_LEAD);
    return needed.isBefore(earliest) ? earliest : needed;
  }

  /**
   * Tries to start an upcoming session: the station must be free and connected. A planned pass
   * whose station is offline (or held by another session) is tried again every {@link #RETRY}
   * until AOS, then missed; a manual one ({@code retry} false) fails at once.
   */
  private Future<TrackSession> attempt(Upcoming next, boolean retry) {
    Observation observation = next.observation;
    String stationId = next.stationId();
    Instant now = clock.instant();
    boolean resumed = observation.outcome() == Outcome.TRACKING;
    Instant deadline = resumed ? observation.plannedLos() : observation.plannedAos();
    TrackSession other = sessions.get(stationId);
    if (other != null && !other.observation().id().equals(observation.id())) {
      String reason = other.observation().manual()
          ? "station held by the manual track of observation " + other.observation().id()
          : "station still busy with observation " + other.observation().id();
      return retryOrEnd(next, retry, deadline, Outcome.MISSED, reason,
          ServiceFailure.conflict(reason));
    }
    return guarded(observation, () -> link.state(stationId).compose(state -> {
      if (!current(observation)) {
        return Future.failedFuture(superseded(observation));
      }
      if (state.isEmpty()) {
        String reason = resumed ? "station offline since the take-over"
            : retry ? "station offline at AOS" : "station offline when the track was to start";
        return retryOrEnd(next, retry, deadline,
            resumed ? Outcome.ABORTED : Outcome.MISSED, reason,
            StationCommands.offline(next.plan.target().stationName()));
      }
      return begin(next);
    }));
  }

  /**
   * Tries again after {@link #RETRY} (and at the deadline at the latest) while the deadline has not
   * come; else ends the observation.
   */
  private Future<TrackSession> retryOrEnd(Upcoming next, boolean retry, Instant deadline,
                                          Outcome outcome, String reason, Throwable failure) {
    Instant now = clock.instant();
    if (retry && now.isBefore(deadline)) {
      Instant again = now.plus(RETRY);
      next.nextAttempt = again.isBefore(deadline) ? again : deadline;
      return Future.failedFuture(failure);
    }
    upcoming.remove(next.stationId(), next);
    end(next.observation, outcome, reason, null);
    return Future.failedFuture(failure);
  }

  /** Takes a new epoch, starts the session on the agent and, once acknowledged, drives it. */
  private Future<TrackSession> begin(Upcoming next) {
    Observation observation = next.observation;
    String stationId = next.stationId();
    TrackSession.Target target = next.plan.target();
    String sessionId = observation.outcome() == Outcome.TRACKING && observation.sessionId() != null
        ? observation.sessionId() : UUID.randomUUID().toString();
    return epochs.next(stationId).compose(epoch -> {
      if (!current(observation)) {
        return Future.failedFuture(superseded(observation));
      }
      SessionCommand start = new SessionCommand(UUID.randomUUID().toString(),
          SessionCommand.Action.START, epoch, sessionId, target.norad(), target.satellite(),
          clock.instant());
      return link.command(stationId, target.stationName(), start)
          .recover(failure -> {
            if (current(observation)) {
              upcoming.remove(stationId, next);
              end(observation, Outcome.ABORTED, failure.getMessage(), null);
            }
            return Future.failedFuture(failure);
          })
          .compose(ack -> {
            Instant at = clock.instant();
            Observation driven = observation.driven(Outcome.TRACKING, sessionId, epoch, nodeId,
                observation.startedAt() == null ? at : observation.startedAt());
            return store.started(driven, at).compose(stillUnderWay -> {
              if (!stillUnderWay || !current(observation)) {
                upcoming.remove(stationId, next);
                return Future.failedFuture(superseded(observation));
              }
              upcoming.remove(stationId);
              TrackSession session = new TrackSession(driven, target, next.plan.track(),
                  next.plan.radio());
              sessions.put(stationId, session);
              hooks.adopted(stationId);
              LOG.info("tracking started [station: {}, norad: {}, observation: {}, session: {}, "
                      + "epoch: {}, aos: {}, los: {}]", stationId, target.norad(), observation.id(),
                  sessionId, epoch, next.plan.track().aos(), next.plan.track().los());
              send(session, at);
              return Future.succeededFuture(session);
            });
          });
    });
  }

  /**
   * Runs the asynchronous steps of an observation's start under an entry in {@link #starting}, so
   * that nothing else starts on the station meanwhile (a manual start drops the entry first, and
   * so supersedes it); fails at once while another observation is starting on the station.
   */
  private Future<TrackSession> guarded(Observation observation,
                                       Supplier<Future<TrackSession>> work) {
    String stationId = observation.stationId().toString();
    Starting existing = starting.get(stationId);
    if (existing != null && existing.observationId().equals(observation.id())) {
      return work.get();
    }
    if (existing != null) {
      return Future.failedFuture(ServiceFailure.conflict("observation "
          + existing.observationId() + " is starting on station " + stationId));
    }
    Promise<TrackSession> done = Promise.promise();
    Starting entry = new Starting(observation, done.future());
    starting.put(stationId, entry);
    Future<TrackSession> result;
    try {
      result = work.get();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(outcome -> {
      starting.remove(stationId, entry);
      done.handle(outcome);
    });
    return done.future();
  }

  /** Whether an observation is still the one this director is starting on its station. */
  private boolean current(Observation observation) {
    String stationId = observation.stationId().toString();
    Starting pending = starting.get(stationId);
    return ownership.owns(stationId) && pending != null
        && pending.observationId().equals(observation.id());
  }

  private static ServiceFailure superseded(Observation observation) {
    return ServiceFailure.conflict("observation " + observation.id()
        + " was ended or taken over before its session started");
  }

  /**
   * Ends a running session: writes its outcome and final tracking error, publishes the end and,
   * when asked, parks the rotator.
   *
   * @return a future that completes once the park was acknowledged (at once without a park)
   */
  private Future<Void> finish(TrackSession session, Outcome outcome, String reason, boolean park) {
    String stationId = session.stationId();
    sessions.remove(stationId);
    hooks.dropped(stationId);
    LOG.info("tracking ended [station: {}, session: {}, outcome: {}, reason: {}]", stationId,
        session.sessionId(), outcome.wireName(), reason);
    end(session.observation(), outcome, reason, progress(session));
    if (!park) {
      return Future.succeededFuture();
    }
    SessionCommand command = new SessionCommand(UUID.randomUUID().toString(),
        SessionCommand.Action.PARK, session.epoch(), null, null, null, clock.instant());
    return link.command(stationId, session.target().stationName(), command).mapEmpty();
  }

  /** Ends an observation under way in the store and, when it was, publishes the end. */
  private void end(Observation observation, Outcome outcome, String reason,
                   ObservationStore.Progress progress) {
    recentlyEnded.put(observation.id(), clock.instant());
    store.end(observation.id(), outcome, reason, clock.instant(), progress)
        .onSuccess(was -> was.ifPresent(row -> publishEnd(row, outcome, reason)))
        .onFailure(failure -> LOG.warn("ending observation failed [observation: {}]: {}",
            observation.id(), failure.getMessage()));
  }

  private void publishEnd(Observation observation, Outcome outcome, String reason) {
    LOG.info("observation ended [station: {}, observation: {}, outcome: {}, reason: {}]",
        observation.stationId(), observation.id(), outcome.wireName(), reason);
    ended.accept(observation.ended(outcome, reason));
  }

  private void flush(Instant now) {
    nextFlush = now.plus(FLUSH);
    List<ObservationStore.Progress> changed = new ArrayList<>();
    for (TrackSession session : sessions.values()) {
      if (session.error().takeChanged()) {
        changed.add(progress(session));
      }
    }
    if (!changed.isEmpty()) {
      store.progress(changed).onFailure(failure -> LOG.warn(
          "writing tracking errors failed [observations: {}]: {}", changed.size(),
          failure.getMessage()));
    }
  }

  private static ObservationStore.Progress progress(TrackSession session) {
    TrackingError error = session.error();
    return new ObservationStore.Progress(session.observation().id(), error.rms(), error.max(),
        error.samples());
  }

  /**
   * Sends one tick's pointing and radio setpoints to a session's station. The radio is tuned once
   * the setpoints' window reaches AOS: below the horizon there is nothing to hear.
   */
  private void send(TrackSession session, Instant now) {
    PassTrack track = session.track();
    PointingSetpoints pointing = new PointingSetpoints(session.epoch(), session.sessionId(),
        track.pointing(now, WINDOW, SPACING));
    link.send(session.stationId(), pointing);
    RadioSetpoints.Point tuned = null;
    TrackSession.Radio radio = session.radio();
    if (radio != null && !now.plus(WINDOW).isBefore(track.aos())) {
      RadioSetpoints frequencies = new RadioSetpoints(session.epoch(), session.sessionId(),
          radio.mode(), track.radio(now, WINDOW, SPACING, radio.downlinkHz(), radio.uplinkHz()));
      link.send(session.stationId(), frequencies);
      tuned = frequencies.points().get(0);
    }
    setpointsSent.increment();
    session.commanded(pointing.points().get(0), tuned);
  }

  private List<UUID> owned() {
    return ownership.owned().stream().map(UUID::fromString).toList();
  }

  /** Where the agent last measured its rotator, from the gateway's view of the connection. */
  static RotatorPosition measured(JsonObject connection) {
    JsonObject telemetry = connection.getJsonObject("telemetry");
    JsonObject rotator = telemetry == null ? null : telemetry.getJsonObject("rotator");
    return rotator == null ? null
        : new RotatorPosition(rotator.getDouble("az"), rotator.getDouble("el"));
  }
}
