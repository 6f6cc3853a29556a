package talos.agent;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.driver.DeviceKind;
import talos.driver.DriverException;
import talos.driver.Position;
import talos.driver.RadioOperation;
import talos.driver.RotatorOperation;
import talos.protocol.Channel;
import talos.protocol.Messages;
import talos.protocol.PointingSetpoints;
import talos.protocol.ProtocolException;
import talos.protocol.RadioSetpoints;
import talos.protocol.SessionCommand;
import talos.protocol.StationEvent;
import talos.protocol.StationEvent.Severity;
import talos.protocol.Telemetry;
import talos.protocol.Telemetry.DriverReport;
import talos.protocol.Telemetry.RadioReading;
import talos.protocol.Telemetry.RotatorReading;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the station does with what it receives: setpoints become rotator and radio commands, session
 * commands are carried out and acknowledged, and the rotator is stopped and then parked when
 * setpoints stop or the link drops. Every method runs on the agent's context; the getters may be
 * read from any thread.
 *
 * <p>Ownership epochs are shared by every channel: a message of an epoch lower than the highest
 * seen is ignored (a session command is refused with 409). Setpoints naming a session other than
 * the one in progress, or the one just ended, are ignored.
 *
 * <p>With a front door, the controller tells the {@link Arbiter} when the network takes the
 * station (a session starts, setpoints are taken), and forgets what it was doing with a device
 * that a local program took over.
 */
final class StationController {

  private static final Logger LOG = LoggerFactory.getLogger(StationController.class);
  private static final Duration PARK_RETRY = Duration.ofSeconds(5);
  private static final double MOVING_THRESHOLD = 0.01;
  private static final int REMEMBERED_COMMANDS = 64;
  /** How long after a session its satellite is still named on frames received. */
  static final Duration FRAME_NORAD_HOLD = Duration.ofSeconds(60);

  /** What the rotator is doing as far as safety is concerned. */
  enum Mode {
    /** Not driven by setpoints: never started, parked, or its session ended. */
    IDLE,
    /** Following setpoints. */
    TRACKING,
    /** Stopped because setpoints stopped or the link dropped; parks at the deadline. */
    HOLDING
  }

  /** A tracking session in progress. */
  record Session(String id, long epoch, Integer norad, String satellite, Instant startedAt) {
  }

  private final AgentConfig.Safety safety;
  private final GuardedRotator rotator;
  private final GuardedRadio radio;
  private final EventSink events;
  private final Clock clock;
  private final Arbiter arbiter;
  private final Track<PointingSetpoints.Point> pointing;
  private final Track<RadioSetpoints.Point> tuning;
  private final Map<String, StationEvent> answered = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, StationEvent> eldest) {
      return size() > REMEMBERED_COMMANDS;
    }
  };

  private long highestEpoch;
  private Session session;
  private String endedSession;
  private boolean linkUp;
  private Mode mode = Mode.IDLE;
  private Instant activity;
  private Instant nextParkAttempt;
  private boolean pointingStaleReported;
  private boolean radioStaleReported;
  private boolean moveInFlight;
  private Position lastAttempt;
  private boolean radioInFlight;
  private Long tunedDownlink;
  private Long tunedUplink;
  private String wantedMode;
  private String modeSet;
  private Position previousMeasured;
  private Instant lastSetpointAt;
  private Integer lastNorad;
  private Instant lastSessionEnd;

  private volatile long acceptedEpoch;
  private volatile Consumer<StationAgent.Accepted> acceptedListener;
  private volatile String sessionId;
  private volatile Position commanded;
  private volatile Position measured;
  private volatile Long frequency;

  /**
   * @param rotator the station's rotator, or {@code null}
   * @param radio the station's radio, or {@code null}
   * @param arbiter who may use the devices when they are shared through the front door, or
   *     {@code null} without a front door
   */
  StationController(AgentConfig.Safety safety, GuardedRotator rotator, GuardedRadio radio,
                    EventSink events, Clock clock, Arbiter arbiter) {
    this.safety = safety;
    this.rotator = rotator;
    this.radio = radio;
    this.events = events;
    this.clock = clock;
    this.arbiter = arbiter;
    this.pointing = new Track<>(PointingSetpoints.Point::time, safety.staleAfter());
    this.tuning = new Track<>(RadioSetpoints.Point::time, safety.staleAfter());
  }

  /**
   * Handles one message from a command channel: decodes it and acts on it. A message that breaks
   * the protocol is refused whole and logged; a session command that carries an id is answered
   * with 400.
   */
  void onMessage(Channel channel, Buffer payload) {
    Instant now = clock.instant();
    JsonObject json = null;
    try {
      json = Messages.decode(payload);
      switch (channel) {
        case ROTATOR -> onPointing(PointingSetpoints.fromJson(json, now), now);
        case RADIO -> onRadio(RadioSetpoints.fromJson(json, now), now);
        case SESSION -> onSession(SessionCommand.fromJson(json, now), now).onSuccess(events::emit);
        default -> LOG.debug("message on a channel the agent does not read [channel: {}]",
            channel.suffix());
      }
    } catch (ProtocolException e) {
      LOG.warn("message refused [channel: {}, reason: {}]", channel.suffix(), e.getMessage());
      Object id = json == null ? null : json.getValue("id");
      if (channel == Channel.SESSION && id instanceof String command && !command.isEmpty()
          && command.length() <= 64) {
        events.emit(StationEvent.nack(now, command, 400, e.getMessage()));
      }
    }
  }

  /** Merges pointing setpoints into the track and steers at once. */
  void onPointing(PointingSetpoints setpoints, Instant now) {
    if (rotator == null || !admit(setpoints.epoch(), setpoints.session(), "pointing")) {
      return;
    }
    if (pointing.isStale(setpoints.points(), now)) {
      if (!pointingStaleReported) {
        pointingStaleReported = true;
        reportStale("pointing", pointing.newest(setpoints.points()), now);
      }
      return;
    }
    pointingStaleReported = false;
    pointing.merge(setpoints.epoch(), setpoints.points(), now);
    accepted(Channel.ROTATOR, setpoints.epoch(), setpoints.session(), now);
    Instant last = pointing.lastTime();
    activity = last.isBefore(now) ? last : now;
    nextParkAttempt = null;
    steer(now);
  }

  /** Merges radio setpoints into the track and tunes at once. */
  void onRadio(RadioSetpoints setpoints, Instant now) {
    if (radio == null || !admit(setpoints.epoch(), setpoints.session(), "radio")) {
      return;
    }
    if (tuning.isStale(setpoints.points(), now)) {
      if (!radioStaleReported) {
        radioStaleReported = true;
        reportStale("radio", tuning.newest(setpoints.points()), now);
      }
      return;
    }
    radioStaleReported = false;
    tuning.merge(setpoints.epoch(), setpoints.points(), now);
    accepted(Channel.RADIO, setpoints.epoch(), setpoints.session(), now);
    if (setpoints.mode() != null) {
      wantedMode = setpoints.mode();
    }
    tune(now);
  }

  /**
   * Carries out a session command, once: a repeated command id (QoS 1 may deliver twice) gets the
   * first answer again.
   *
   * @return a future of the acknowledgement to publish: 200 when carried out; 409 for an older
   *     epoch, another session in progress, a stop with no session running, or a device that
   *     refused; 503 when a device is unavailable or failed; it never fails
   */
  Future<StationEvent> onSession(SessionCommand command, Instant now) {
    StationEvent earlier = answered.get(command.id());
    if (earlier != null) {
      LOG.debug("repeated session command answered again [command: {}]", command.id());
      return Future.succeededFuture(earlier);
    }
    return carryOut(command, now).onSuccess(answer -> answered.put(command.id(), answer));
  }

  /** Runs one step of the control loop. */
  void tick() {
    Instant now = clock.instant();
    steer(now);
    tune(now);
  }

  /** The link to the server is up: setpoints may drive the rotator again. */
  void onLinkUp() {
    linkUp = true;
  }

  /** The link to the server dropped: the rotator stops at once and parks after parkAfter. */
  void onLinkDown() {
    Instant now = clock.instant();
    linkUp = false;
    pointing.clear();
    if (mode == Mode.TRACKING) {
      activity = activity == null || activity.isAfter(now) ? now : activity;
      hold("link", "link to the server lost; rotator stopped, parking in "
          + Durations.format(safety.parkAfter()) + " unless it comes back");
    }
  }

  /**
   * Reads the devices for telemetry.
   *
   * @return a future that never fails; a device that cannot be read is left out
   */
  Future<Telemetry> telemetry() {
    Instant now = clock.instant();
    Future<RotatorReading> rotatorReading = rotator == null
        || !rotator.capabilities().supports(RotatorOperation.GET_POSITION)
        ? Future.succeededFuture() : rotator.position().map(this::reading).otherwiseEmpty();
    Future<RadioReading> radioReading = radio == null ? Future.succeededFuture() : radioReading();
    return Future.all(rotatorReading, radioReading).map(read -> new Telemetry(now, sessionId,
        rotatorReading.result(), radioReading.result(), reports(),
        arbiter == null ? null : arbiter.locks(clock.instant())));
  }

  /**
   * Whether the network controls the station: a session is in progress, or a setpoint message was
   * taken less than {@code safety.stopAfter} ago.
   */
  Optional<Arbiter.Network> networkControl(Instant now) {
    if (session != null) {
      return Optional.of(new Arbiter.Network(session.id(), session.startedAt()));
    }
    if (lastSetpointAt != null && now.isBefore(lastSetpointAt.plus(safety.stopAfter()))) {
      return Optional.of(new Arbiter.Network(null, null));
    }
    return Optional.empty();
  }

  /**
   * A local program took a device through the front door: the controller forgets the setpoints it
   * was left with and what it last sent, so it neither fights the program (no pending park, no
   * retuning) nor skips a command when the network comes back.
   */
  void handOver(DeviceKind device) {
    if (device == DeviceKind.ROTATOR) {
      pointing.clear();
      if (mode == Mode.HOLDING) {
        LOG.info("park cancelled, a local program took the rotator");
      }
      mode = Mode.IDLE;
      activity = null;
      nextParkAttempt = null;
      lastAttempt = null;
    } else {
      tuning.clear();
      wantedMode = null;
      modeSet = null;
      tunedDownlink = null;
      tunedUplink = null;
    }
  }

  /**
   * What frames received at {@code now} belong to: the session in progress and its satellite; or,
   * within {@link #FRAME_NORAD_HOLD} after a session ended, no session and that session's
   * satellite.
   *
   * @return the origin, or {@code null} when no satellite is known (no session, one started
   *     without a NORAD id, or the last one ended longer ago)
   */
  FrameRelay.Origin frameOrigin(Instant now) {
    if (session != null) {
      return session.norad() == null ? null : new FrameRelay.Origin(session.id(), session.norad());
    }
    if (lastNorad != null && now.isBefore(lastSessionEnd.plus(FRAME_NORAD_HOLD))) {
      return new FrameRelay.Origin(null, lastNorad);
    }
    return null;
  }

  private List<DriverReport> reports() {
    List<DriverReport> reports = new ArrayList<>();
    if (rotator != null) {
      reports.add(rotator.report());
    }
    if (radio != null) {
      reports.add(radio.report());
    }
    return reports;
  }

  /** Stops the rotator, for a clean shutdown; never fails. */
  Future<Void> shutdown() {
    mode = Mode.IDLE;
    return rotator == null || !rotator.isAvailable() ? Future.succeededFuture()
        : rotator.stop().otherwiseEmpty();
  }

  Optional<String> session() {
    return Optional.ofNullable(sessionId);
  }

  /** The highest epoch of a message accepted on any command channel; 0 before any. */
  long acceptedEpoch() {
    return acceptedEpoch;
  }

  /** Calls {@code listener}, on the agent's context, for each setpoint message taken to execute. */
  void onAccepted(Consumer<StationAgent.Accepted> listener) {
    acceptedListener = listener;
  }

  Optional<Position> commandedPosition() {
    return Optional.ofNullable(commanded);
  }

  Optional<Position> measuredPosition() {
    return Optional.ofNullable(measured);
  }

  Optional<Long> tunedFrequency() {
    return Optional.ofNullable(frequency);
  }

  private Future<StationEvent> carryOut(SessionCommand command, Instant now) {
    if (command.epoch() < highestEpoch) {
      return Future.succeededFuture(StationEvent.nack(now, command.id(), 409, "epoch "
          + command.epoch() + " is older than the station's epoch " + highestEpoch));
    }
    highestEpoch = command.epoch();
    acceptedEpoch = highestEpoch;
    if (command.action() == SessionCommand.Action.START) {
      return Future.succeededFuture(start(command, now));
    }
    boolean park = command.action() == SessionCommand.Action.PARK;
    if (session == null && !park) {
      return Future.succeededFuture(StationEvent.nack(now, command.id(), 409,
          "no session is running"));
    }
    if (session != null && command.session() != null && !session.id().equals(command.session())) {
      return Future.succeededFuture(StationEvent.nack(now, command.id(), 409, "session "
          + session.id() + " is in progress, not " + command.session()));
    }
    String ended = endSession();
    String subject = ended == null ? "" : "session " + ended + " ended; ";
    if (rotator == null) {
      return Future.succeededFuture(StationEvent.ack(now, command.id(), subject + "no rotator"));
    }
    Future<Void> done = park ? rotator.stop().compose(stopped -> rotator.park()) : rotator.stop();
    return done
        .map(v -> {
          if (park) {
            commanded = rotator.parkPosition();
          }
          LOG.info("rotator {} [command: {}]", park ? "parking" : "stopped", command.id());
          String outcome = park ? "rotator parking at " + rotator.parkPosition()
              : "rotator stopped";
          return StationEvent.ack(clock.instant(), command.id(), subject + outcome);
        })
        .otherwise(failure -> StationEvent.nack(clock.instant(), command.id(), code(failure),
            subject + "rotator did not " + (park ? "park" : "stop") + ": "
                + failure.getMessage()));
  }

  private StationEvent start(SessionCommand command, Instant now) {
    if (session != null && session.id().equals(command.session())) {
      return StationEvent.ack(now, command.id(), "session " + session.id() + " already started");
    }
    if (session != null && session.epoch() >= command.epoch()) {
      return StationEvent.nack(now, command.id(), 409, "session " + session.id()
          + " is in progress; stop it first");
    }
    String unavailable = unavailableDevice();
    if (unavailable != null) {
      return StationEvent.nack(now, command.id(), 503, unavailable);
    }
    if (session != null) {
      LOG.info("session taken over by a newer epoch [session: {}, epoch: {}]", session.id(),
          command.epoch());
      endSession();
    }
    session = new Session(command.session(), command.epoch(), command.norad(), command.satellite(),
        now);
    sessionId = session.id();
    String target = command.satellite() == null ? "" : " for " + command.satellite()
        + (command.norad() == null ? "" : " (" + command.norad() + ")");
    LOG.info("session started [session: {}, norad: {}, satellite: {}]", session.id(),
        command.norad(), command.satellite());
    if (arbiter != null) {
      arbiter.networkTook(new Arbiter.Network(session.id(), now), now);
    }
    return StationEvent.ack(now, command.id(), "session " + session.id() + " started" + target);
  }

  private String endSession() {
    pointing.clear();
    tuning.clear();
    mode = Mode.IDLE;
    activity = null;
    lastAttempt = null;
    if (session == null) {
      return null;
    }
    String ended = session.id();
    lastNorad = session.norad();
    lastSessionEnd = clock.instant();
    LOG.info("session ended [session: {}]", ended);
    endedSession = ended;
    session = null;
    sessionId = null;
    return ended;
  }

  private String unavailableDevice() {
    if (rotator != null && !rotator.isAvailable()) {
      return "rotator unavailable: " + rotator.problem();
    }
    if (radio != null && !radio.isAvailable()) {
      return "radio unavailable: " + radio.problem();
    }
    return null;
  }

  private boolean admit(long epoch, String setpointSession, String kind) {
    if (epoch < highestEpoch) {
      LOG.debug("setpoints of an older epoch ignored [kind: {}, epoch: {}, current: {}]", kind,
          epoch, highestEpoch);
      return false;
    }
    highestEpoch = epoch;
    acceptedEpoch = epoch;
    if (setpointSession == null) {
      return true;
    }
    boolean admitted = session != null ? session.id().equals(setpointSession)
        : !setpointSession.equals(endedSession);
    if (!admitted) {
      LOG.debug("setpoints of another session ignored [kind: {}, session: {}]", kind,
          setpointSession);
    }
    return admitted;
  }

  private void accepted(Channel channel, long epoch, String session, Instant now) {
    lastSetpointAt = now;
    if (arbiter != null) {
      networkControl(now).ifPresent(control -> arbiter.networkTook(control, now));
    }
    Consumer<StationAgent.Accepted> listener = acceptedListener;
    if (listener == null) {
      return;
    }
    try {
      listener.accept(new StationAgent.Accepted(channel, epoch, session, now));
    } catch (RuntimeException e) {
      LOG.warn("setpoint listener failed [channel: {}]", channel.suffix(), e);
    }
  }

  private void steer(Instant now) {
    if (rotator == null) {
      return;
    }
    boolean fresh = linkUp && activity != null && now.isBefore(activity.plus(safety.stopAfter()));
    Optional<Position> target = fresh ? targetAt(now) : Optional.empty();
    if (target.isPresent()) {
      if (mode != Mode.TRACKING) {
        LOG.info("tracking setpoints [session: {}]", sessionId);
        mode = Mode.TRACKING;
        lastAttempt = null;
      }
      command(target.get());
      return;
    }
    if (mode == Mode.TRACKING && activity != null
        && !now.isBefore(activity.plus(safety.stopAfter()))) {
      hold("safety", "no fresh setpoint for " + Durations.format(safety.stopAfter())
          + "; rotator stopped, parking in "
          + Durations.format(safety.parkAfter().minus(safety.stopAfter())));
    }
    if (mode == Mode.HOLDING && !now.isBefore(activity.plus(safety.parkAfter()))
        && (nextParkAttempt == null || !now.isBefore(nextParkAttempt))) {
      park(now);
    }
  }

  private Optional<Position> targetAt(Instant now) {
    Optional<PointingSetpoints.Point> before = pointing.before(now);
    Optional<PointingSetpoints.Point> after = pointing.after(now);
    if (before.isPresent() && after.isPresent()) {
      PointingSetpoints.Point from = before.get();
      PointingSetpoints.Point to = after.get();
      double span = Duration.between(from.time(), to.time()).toNanos();
      double fraction = Duration.between(from.time(), now).toNanos() / span;
      return Optional.of(new Position(
          from.azimuth() + (to.azimuth() - from.azimuth()) * fraction,
          from.elevation() + (to.elevation() - from.elevation()) * fraction));
    }
    return before.or(() -> after)
        .map(point -> new Position(point.azimuth(), point.elevation()));
  }

  private void command(Position target) {
    if (moveInFlight
        || (lastAttempt != null && distance(target, lastAttempt) <= safety.deadband())) {
      return;
    }
    moveInFlight = true;
    rotator.moveTo(target).onComplete(moved -> {
      moveInFlight = false;
      if (moved.succeeded()) {
        lastAttempt = target;
        if (mode == Mode.TRACKING) {
          commanded = target;
        }
      } else if (!isRetryable(moved.cause())) {
        lastAttempt = target;
      } else {
        LOG.debug("move failed [target: {}, reason: {}]", target, moved.cause().getMessage());
      }
    });
  }

  private void hold(String type, String message) {
    mode = Mode.HOLDING;
    lastAttempt = null;
    nextParkAttempt = null;
    LOG.warn("rotator stopped [reason: {}]", message);
    emit(Severity.WARNING, type, message);
    rotator.stop().onFailure(failure -> {
      LOG.error("rotator did not stop [reason: {}]", failure.getMessage());
      emit(Severity.ERROR, "safety", "rotator did not stop: " + failure.getMessage());
    });
  }

  private void park(Instant now) {
    nextParkAttempt = now.plus(PARK_RETRY);
    rotator.park().onComplete(parked -> {
      if (parked.succeeded()) {
        if (mode == Mode.HOLDING) {
          mode = Mode.IDLE;
        }
        commanded = rotator.parkPosition();
        LOG.warn("rotator parked [position: {}]", rotator.parkPosition());
        emit(Severity.WARNING, "safety", "no fresh setpoint for "
            + Durations.format(safety.parkAfter()) + "; rotator parking at "
            + rotator.parkPosition());
      } else {
        LOG.error("rotator did not park, retrying [reason: {}]", parked.cause().getMessage());
        emit(Severity.ERROR, "safety", "rotator did not park: " + parked.cause().getMessage());
      }
    });
  }

  private void tune(Instant now) {
    if (radio == null || radioInFlight) {
      return;
    }
    if (wantedMode != null && !wantedMode.equalsIgnoreCase(modeSet)) {
      String wanted = wantedMode;
      radioCall(radio.setMode(wanted), () -> modeSet = wanted);
      return;
    }
    Optional<RadioSetpoints.Point> point = nearest(now);
    if (point.isEmpty()) {
      return;
    }
    long downlink = point.get().downlinkHz();
    Long uplink = point.get().uplinkHz();
    if (tunedDownlink == null || Math.abs(downlink - tunedDownlink) >= 1) {
      radioCall(radio.tune(downlink), () -> {
        tunedDownlink = downlink;
        frequency = downlink;
      });
    } else if (uplink != null && !uplink.equals(tunedUplink)
        && radio.supports(RadioOperation.SET_UPLINK_FREQUENCY)) {
      radioCall(radio.tuneUplink(uplink), () -> tunedUplink = uplink);
    }
  }

  private void radioCall(Future<Void> call, Runnable done) {
    radioInFlight = true;
    call.onComplete(result -> {
      radioInFlight = false;
      if (result.succeeded() || !isRetryable(result.cause())) {
        done.run();
      }
    });
  }

  private Optional<RadioSetpoints.Point> nearest(Instant now) {
    Optional<RadioSetpoints.Point> before = tuning.before(now);
    Optional<RadioSetpoints.Point> after = tuning.after(now);
    if (before.isPresent() && after.isPresent()) {
      Duration sinceBefore = Duration.between(before.get().time(), now);
      Duration untilAfter = Duration.between(now, after.get().time());
      return sinceBefore.compareTo(untilAfter) <= 0 ? before : after;
    }
    return before.or(() -> after);
  }

  private Future<RadioReading> radioReading() {
    Future<Long> downlink = radio.supports(RadioOperation.GET_FREQUENCY) ? radio.frequency()
        : Future.succeededFuture(tunedDownlink);
    Future<String> mode = radio.supports(RadioOperation.GET_MODE) ? radio.mode().otherwiseEmpty()
        : Future.succeededFuture(modeSet);
    return Future.all(downlink, mode)
        .map(read -> downlink.result() == null ? null
            : new RadioReading(downlink.result(), tunedUplink, mode.result()))
        .otherwiseEmpty();
  }

  private RotatorReading reading(Position position) {
    boolean moving = previousMeasured != null
        && distance(position, previousMeasured) > MOVING_THRESHOLD;
    previousMeasured = position;
    measured = position;
    return new RotatorReading(position.azimuth(), position.elevation(), moving);
  }

  private void reportStale(String kind, Instant newest, Instant now) {
    String message = String.format(Locale.ROOT, "%s setpoints %.1f s old refused (older"
        + " than %s); is the station's clock synchronised?", kind,
        Duration.between(newest, now).toMillis() / 1000.0, Durations.format(safety.staleAfter()));
    LOG.warn("stale setpoints refused [kind: {}, newest: {}, now: {}]", kind, newest, now);
    emit(Severity.WARNING, "stale", message);
  }

  private void emit(Severity severity, String type, String message) {
    events.emit(new StationEvent(clock.instant(), type, severity, message, null, null));
  }

  private static boolean isRetryable(Throwable failure) {
    return failure instanceof DriverException driver && driver.code().retryable();
  }

  private static int code(Throwable failure) {
    return failure instanceof DriverException driver && !driver.code().retryable() ? 409 : 503;
  }

  private static double distance(Position a, Position b) {
    return Math.max(Math.abs(a.azimuth() - b.azimuth()), Math.abs(a.elevation() - b.elevation()));
  }
}
