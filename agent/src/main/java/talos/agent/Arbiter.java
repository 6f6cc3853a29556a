package talos.agent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.driver.DeviceKind;
import talos.protocol.Telemetry;
import talos.protocol.Telemetry.Holder;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may move or tune the station's devices: the network or one local program per device. The
 * network always wins: while it controls the station (a session runs, or setpoints arrive), local
 * programs may only read. Outside that, the first local program that moves or tunes a device takes
 * its lock and keeps it while it sends commands; it loses it after {@code idleRelease} of silence,
 * when it disconnects, or when the network takes over, which it is told on its next command that
 * moves or tunes. Every method runs on the agent's context and takes the present explicitly.
 */
final class Arbiter {

  private static final Logger LOG = LoggerFactory.getLogger(Arbiter.class);

  /**
   * The network's control of the station.
   *
   * @param session the session in progress, or {@code null} while setpoints arrive without one
   * @param since when the session started, or {@code null}
   */
  record Network(String session, Instant since) {

    String describe() {
      return session == null ? "the network is sending setpoints"
          : "the network is running session " + session;
    }
  }

  /** Tells whether the network controls the station now. */
  @FunctionalInterface
  interface NetworkView {
    Optional<Network> control(Instant now);
  }

  /** One device's local holder. */
  private static final class Holding {
    private final String client;
    private final Instant since;
    private Instant last;

    private Holding(String client, Instant since) {
      this.client = client;
      this.since = since;
      this.last = since;
    }
  }

  private final Set<DeviceKind> shared;
  private final Duration idleRelease;
  private final NetworkView network;
  private final Map<DeviceKind, Holding> holders = new EnumMap<>(DeviceKind.class);
  private final Map<String, String> revoked = new HashMap<>();
  private final Map<String, String> lastRefusal = new HashMap<>();

  /**
   * @param shared the devices local programs may use
   * @param idleRelease how long a holder may stay silent before its lock is released
   */
  Arbiter(Set<DeviceKind> shared, Duration idleRelease, NetworkView network) {
    this.shared = Set.copyOf(shared);
    this.idleRelease = idleRelease;
    this.network = network;
  }

  /**
   * Asks for a device on behalf of a local program about to move or tune it, and takes or renews
   * the program's lock when granted.
   *
   * @param client the program's address, such as {@code 127.0.0.1:50412}
   * @return empty when the program may go ahead; otherwise why not, which is logged
   */
  Optional<String> claim(DeviceKind device, String client, Instant now) {
    expire(now);
    Optional<Network> control = network.control(now);
    if (control.isPresent()) {
      networkTook(control.get(), now);
      String notice = revoked.remove(client);
      return refuse(device, client, (notice != null ? notice + "; " : "") + control.get().describe()
          + ", so local programs may only read");
    }
    String notice = revoked.remove(client);
    if (notice != null) {
      return refuse(device, client, notice + "; the next command may take it again");
    }
    Holding holding = holders.get(device);
    if (holding == null) {
      holders.put(device, new Holding(client, now));
      lastRefusal.remove(client);
      LOG.info("front door lock taken [device: {}, client: {}]", name(device), client);
      return Optional.empty();
    }
    if (holding.client.equals(client)) {
      holding.last = now;
      return Optional.empty();
    }
    return refuse(device, client, name(device) + " is held by the local program " + holding.client
        + " since " + holding.since + " until it is silent for " + Durations.format(idleRelease)
        + " or disconnects");
  }

  /** A command of any kind from a program: the locks it holds stay with it. */
  void touch(String client, Instant now) {
    expire(now);
    holders.values().stream().filter(holding -> holding.client.equals(client))
        .forEach(holding -> holding.last = now);
  }

  /** A program disconnected: its locks are free. */
  void release(String client, Instant now) {
    expire(now);
    Iterator<Map.Entry<DeviceKind, Holding>> entries = holders.entrySet().iterator();
    while (entries.hasNext()) {
      Map.Entry<DeviceKind, Holding> entry = entries.next();
      DeviceKind device = entry.getKey();
      if (entry.getValue().client.equals(client)) {
        entries.remove();
        LOG.info("front door lock released [device: {}, client: {}, reason: disconnected]",
            name(device), client);
      }
    }
    revoked.remove(client);
    lastRefusal.remove(client);
  }

  /**
   * The network took control of the station: every local lock is revoked, and each holder is told
   * on its next command that moves or tunes.
   */
  void networkTook(Network control, Instant now) {
    for (Map.Entry<DeviceKind, Holding> entry : holders.entrySet()) {
      String client = entry.getValue().client;
      LOG.warn("front door lock revoked [device: {}, client: {}, reason: {}]",
          name(entry.getKey()), client, control.describe());
      revoked.put(client, "your lock of the " + name(entry.getKey()) + " was revoked at " + now
          + " because " + control.describe());
    }
    holders.clear();
  }

  /** Who holds each shared device now, for telemetry, by device name. */
  Map<String, Telemetry.Lock> locks(Instant now) {
    expire(now);
    Optional<Network> control = network.control(now);
    Map<String, Telemetry.Lock> locks = new LinkedHashMap<>();
    for (DeviceKind device : DeviceKind.values()) {
      if (!shared.contains(device)) {
        continue;
      }
      Holding holding = holders.get(device);
      Telemetry.Lock lock;
      if (control.isPresent()) {
        lock = new Telemetry.Lock(Holder.NETWORK, null, control.get().session(),
            control.get().since());
      } else if (holding != null) {
        lock = new Telemetry.Lock(Holder.LOCAL, holding.client, null, holding.since);
      } else {
        lock = Telemetry.Lock.free();
      }
      locks.put(name(device), lock);
    }
    return locks;
  }

  private void expire(Instant now) {
    Iterator<Map.Entry<DeviceKind, Holding>> entries = holders.entrySet().iterator();
    while (entries.hasNext()) {
      Map.Entry<DeviceKind, Holding> entry = entries.next();
      DeviceKind device = entry.getKey();
      Holding holding = entry.getValue();
      if (!now.isBefore(holding.last.plus(idleRelease))) {
        entries.remove();
        LOG.info("front door lock released [device: {}, client: {}, reason: silent for {}]",
            name(device), holding.client, Durations.format(idleRelease));
      }
    }
  }

  private Optional<String> refuse(DeviceKind device, String client, String reason) {
    if (reason.equals(lastRefusal.put(client, reason))) {
      LOG.debug("local command refused [device: {}, client: {}, reason: {}]", name(device),
          client, reason);
    } else {
      LOG.warn("local command refused [device: {}, client: {}, reason: {}]", name(device), client,
          reason);
    }
    return Optional.of(reason);
  }

  static String name(DeviceKind device) {
    return device.name().toLowerCase(Locale.ROOT);
  }
}
