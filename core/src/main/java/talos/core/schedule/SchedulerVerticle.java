package talos.core.schedule;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.core.NodeContext;
import talos.core.bus.Addresses;
import talos.core.bus.ApiRequest;
import talos.core.bus.Operations;
import talos.core.bus.Reply;
import talos.core.bus.ServiceFailure;
import talos.core.orbit.CataloguePasses;
import talos.core.orbit.OrbitContext;
import talos.core.tenancy.Access;
import talos.core.tenancy.Role;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The scheduling feature: keeps every station's plan current. It plans everything at start and
 * every {@link #ROLL} as the horizon moves on, and replans the part a change touches after
 * campaign, station, element set, online state and observation notices, coalescing bursts for
 * {@link #DEBOUNCE}. In a cluster every node hears the notices, and the one holding the lock
 * {@link #LOCK} plans; the others skip. It serves the plan API and announces each new plan on
 * {@link Addresses#SCHEDULE_CHANGED}.
 */
public final class SchedulerVerticle extends VerticleBase {

  /** How long notices are gathered before a replan. */
  static final Duration DEBOUNCE = Duration.ofSeconds(1);
  /** How often the whole plan moves on with the horizon. */
  static final Duration ROLL = Duration.ofMinutes(15);
  /** The cluster-wide lock a node holds while it plans. */
  static final String LOCK = "talos.schedule.lock";

  private static final Logger LOG = LoggerFactory.getLogger(SchedulerVerticle.class);
  private static final long SKIP_AFTER_MS = 500;
  private static final long QUEUE_FOR_MS = 60_000;
  private static final int THREADS = 2;
  private static final DeliveryOptions STATE_REQUEST = new DeliveryOptions().setSendTimeout(2_000);

  private final NodeContext node;
  private final Map<String, Boolean> assumedOnline = new ConcurrentHashMap<>();
  private final Map<String, Boolean> reported = new ConcurrentHashMap<>();
  private Scheduler scheduler;
  private Changes pending = new Changes();
  private Future<?> queue = Future.succeededFuture();
  private long debounceTimer = -1;
  private long rollTimer = -1;
  private Counter replans;
  private Counter skipped;
  private Counter plannedPasses;
  private Counter rejectedPasses;
  private Timer duration;

  public SchedulerVerticle(NodeContext node) {
    this.node = node;
  }

  @Override
  public Future<?> start() {
    Duration horizon = Duration.ofHours(node.config().schedule().horizonHours());
    Access access = new Access(node.pool());
    PlanQueries queries = new PlanQueries(node.pool(), access, horizon);
    replans = Counter.builder("talos.schedule.replans").description("replans that ran")
        .register(node.meterRegistry());
    skipped = Counter.builder("talos.schedule.replans.skipped")
        .description("replans left to the node holding the scheduling lock")
        .register(node.meterRegistry());
    plannedPasses = Counter.builder("talos.schedule.passes").tag("status", "planned")
        .description("passes written to the plan").register(node.meterRegistry());
    rejectedPasses = Counter.builder("talos.schedule.passes").tag("status", "rejected")
        .description("passes written to the plan").register(node.meterRegistry());
    duration = Timer.builder("talos.schedule.replan.duration")
        .description("how long a replan takes, from reading to writing the plan")
        .publishPercentiles(0.5, 0.99)
        .register(node.meterRegistry());

    return vertx.executeBlocking(() -> OrbitContext.create(node.config().catalogue().orekitData()))
        .compose(orbit -> {
          OpportunityCache cache = new OpportunityCache(
              new Opportunities(new CataloguePasses(orbit), THREADS), orbit.utc());
          scheduler = new Scheduler(new PlanStore(node.pool()), cache, this::online,
              new Scheduler.Worker() {
                @Override
                public <T> Future<T> run(Callable<T> work) {
                  return vertx.executeBlocking(work, false);
                }
              }, horizon, node.config().schedule().preempt());
          FunctionCounter.builder("talos.schedule.opportunity.computations", scheduler,
                  Scheduler::computations)
              .description("campaigns whose passes were computed rather than reused")
              .register(node.meterRegistry());
          listen();
          return new Operations(vertx.eventBus())
              .serve(Addresses.SCHEDULE_STATION_PLAN, queries::station)
              .serve(Addresses.SCHEDULE_CAMPAIGN_PLAN, queries::campaign)
              .serve(Addresses.SCHEDULE_REFRESH, request -> refresh(access, request))
              .ready();
        })
        .onSuccess(ignored -> {
          rollTimer = vertx.setPeriodic(ROLL.toMillis(), id -> notice(new Changes().everything()));
          notice(new Changes().everything());
          LOG.info("scheduler ready [horizon: {} h, frozen: {} min, preempt: {}]",
              horizon.toHours(), Scheduler.FROZEN.toMinutes(),
              node.config().schedule().preempt());
        });
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(rollTimer);
    vertx.cancelTimer(debounceTimer);
    return Future.succeededFuture();
  }

  private void listen() {
    vertx.eventBus().<JsonObject>consumer(Addresses.CAMPAIGN_CHANGED, message -> {
      JsonObject body = message.body();
      String orgId = body.getString("orgId");
      Changes changes = new Changes();
      if (body.getString("campaignId") != null) {
        changes.campaign(orgId, body.getString("campaignId"));
      }
      if (body.getString("stationId") != null) {
        changes.station(orgId, body.getString("stationId"));
      }
      notice(changes.isEmpty() ? changes.organisation(orgId) : changes);
    });
    vertx.eventBus().consumer(Addresses.CATALOGUE_CHANGED,
        message -> notice(new Changes().everything()));
    vertx.eventBus().<JsonObject>consumer(Addresses.STATION_CHANGED, message -> notice(
        new Changes().station(message.body().getString("orgId"),
            message.body().getString("stationId"))));
    vertx.eventBus().<JsonObject>consumer(Addresses.STATION_STATUS, message -> {
      JsonObject body = message.body();
      String stationId = body.getString("stationId");
      boolean online = "online".equals(body.getString("state"));
      reported.put(stationId, online);
      if (!Boolean.valueOf(online).equals(assumedOnline.get(stationId))) {
        notice(new Changes().station(body.getString("orgId"), stationId));
      }
    });
    vertx.eventBus().<JsonObject>consumer(Addresses.OBSERVATION_ENDED,
        message -> observationEnded(message.body()));
  }

  /** A missed campaign pass is retried elsewhere; any ended observation frees its station. */
  private void observationEnded(JsonObject ended) {
    String orgId = ended.getString("orgId");
    String campaignId = ended.getString("campaignId");
    Changes changes = new Changes().station(orgId, ended.getString("stationId"));
    if ("missed".equals(ended.getString("outcome")) && campaignId != null) {
      try {
        scheduler.missed(orgId, new PlanStore.Missed(UUID.fromString(campaignId),
            ended.getInteger("noradId"), UUID.fromString(ended.getString("stationId")),
            new TimeWindow(Instant.parse(ended.getString("plannedAos")),
                Instant.parse(ended.getString("plannedLos")))));
        LOG.info("missed pass to retry [campaign: {}, norad: {}, station: {}, aos: {}]",
            campaignId, ended.getInteger("noradId"), ended.getString("stationId"),
            ended.getString("plannedAos"));
      } catch (RuntimeException e) {
        LOG.warn("observation notice not understood [observation: {}, reason: {}]",
            ended.getString("observationId"), e.getMessage());
      }
      changes.campaign(orgId, campaignId);
    }
    notice(changes);
  }

  /** Gathers changes and replans {@link #DEBOUNCE} after the first of a burst. */
  private void notice(Changes changes) {
    pending.merge(changes);
    if (debounceTimer < 0) {
      debounceTimer = vertx.setTimer(DEBOUNCE.toMillis(), id -> {
        debounceTimer = -1;
        Changes batch = pending;
        pending = new Changes();
        run(batch, SKIP_AFTER_MS);
      });
    }
  }

  /** API {@code refreshPlan}: replans the organisation now, waiting for another node's replan. */
  private Future<Reply> refresh(Access access, ApiRequest request) {
    return access.require(request.principal(), request.pathParam("slug"), Role.OPERATOR)
        .compose(grant -> run(new Changes().organisation(grant.orgId().toString()), QUEUE_FOR_MS))
        .map(outcome -> {
          if (outcome == null) {
            throw ServiceFailure.unavailable("another node has been planning for "
                + QUEUE_FOR_MS / 1000 + " s; try again later");
          }
          return Reply.ok(new JsonObject()
              .put("stations", new JsonArray(outcome.stations().stream().sorted().toList()))
              .put("campaigns", outcome.campaigns())
              .put("planned", outcome.planned())
              .put("rejected", outcome.rejected()));
        });
  }

  /**
   * Replans after this node's earlier replans, under the cluster lock.
   *
   * @param waitMs how long to wait for the lock; a node that does not get it leaves the replan to
   *     the node holding it, which heard the same notices
   * @return the outcome, or {@code null} when another node held the lock
   */
  private Future<Scheduler.Outcome> run(Changes changes, long waitMs) {
    Future<Scheduler.Outcome> run = queue.transform(ignored -> locked(changes, waitMs));
    queue = run;
    return run;
  }

  private Future<Scheduler.Outcome> locked(Changes changes, long waitMs) {
    return vertx.sharedData().getLockWithTimeout(LOCK, waitMs).transform(acquired -> {
      if (acquired.failed()) {
        skipped.increment();
        LOG.debug("replan left to the node holding the scheduling lock [changes: {}]", changes);
        return Future.succeededFuture();
      }
      Lock lock = acquired.result();
      long started = System.nanoTime();
      long computedBefore = scheduler.computations();
      return Future.succeededFuture()
          .compose(ignored -> scheduler.replan(changes, Instant.now()))
          .andThen(done -> lock.release())
          .onSuccess(outcome -> {
            long nanos = System.nanoTime() - started;
            replans.increment();
            duration.record(nanos, TimeUnit.NANOSECONDS);
            plannedPasses.increment(outcome.planned());
            rejectedPasses.increment(outcome.rejected());
            assumedOnline.putAll(outcome.online());
            LOG.info("replanned [changes: {}, stations: {}, campaigns: {}, planned: {},"
                    + " rejected: {}, computed: {}, took: {} ms]", changes,
                outcome.stations().size(), outcome.campaigns(), outcome.planned(),
                outcome.rejected(), scheduler.computations() - computedBefore,
                TimeUnit.NANOSECONDS.toMillis(nanos));
            if (!outcome.stations().isEmpty()) {
              vertx.eventBus().publish(Addresses.SCHEDULE_CHANGED, new JsonObject()
                  .put("stationIds", new JsonArray(outcome.stations().stream().sorted().toList())));
            }
          })
          .onFailure(failure -> LOG.warn("replan failed [changes: {}]", changes, failure));
    });
  }

  /**
   * Whether the gateway holds the station's connection on any node, and its latest status notice
   * did not say it went offline (a closing connection's address may linger for a moment; should
   * the station come back, its online notice brings another replan).
   */
  private Future<Boolean> online(String stationId) {
    return vertx.eventBus().request(Addresses.GATEWAY_STATE_PREFIX + stationId, new JsonObject(),
            STATE_REQUEST)
        .map(reply -> !Boolean.FALSE.equals(reported.get(stationId)))
        .recover(failure -> {
          if (!(failure instanceof ReplyException reply)
              || reply.failureType() != ReplyFailure.NO_HANDLERS) {
            LOG.debug("station state unknown, planned as offline [station: {}, reason: {}]",
                stationId, failure.getMessage());
          }
          return Future.succeededFuture(false);
        });
  }
}
