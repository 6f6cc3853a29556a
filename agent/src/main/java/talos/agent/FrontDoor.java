package talos.agent;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.parsetools.RecordParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.driver.DeviceKind;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The agent's front door: a TCP port per shared device that speaks Hamlib's {@code rotctld} or
 * {@code rigctld} protocol, so that Gpredict, the SatNOGS client or any Hamlib program can drive
 * the station's hardware through the agent, behind the same limits as the network and one at a
 * time ({@link Arbiter}). Each connection's commands are answered in the order they came, one at
 * a time; the servers and their connections run on the agent's context.
 */
final class FrontDoor {

  /** The longest command line taken; a longer one closes the connection. */
  static final int MAX_LINE = 1024;
  /** The most connections one port takes at once. */
  static final int MAX_CLIENTS = 16;
  /** The most commands of one connection waiting for their answers. */
  static final int MAX_PENDING = 64;

  private static final Logger LOG = LoggerFactory.getLogger(FrontDoor.class);

  /** One device's commands. */
  interface Commands {

    DeviceKind device();

    /** The long name of each one-letter command. */
    Map<Character, String> shortNames();

    /**
     * Carries out a command for a client.
     *
     * @return the answer; a failed future is answered with the Hamlib code of its failure
     */
    Future<HamlibReply> handle(HamlibCommand command, Client client);
  }

  /** A connected program: its address and what it chose on this connection. */
  static final class Client {

    private final String address;
    private String vfo = "VFOA";
    private boolean split;
    private String transmitVfo = "VFOA";
    private Future<Void> queue = Future.succeededFuture();
    private int pending;

    Client(String address) {
      this.address = address;
    }

    /** The program's address, such as {@code 127.0.0.1:50412}. */
    String address() {
      return address;
    }

    /** The VFO the program chose with {@code V}; {@code VFOA} until it chose one. */
    String vfo() {
      return vfo;
    }

    void vfo(String chosen) {
      vfo = chosen;
    }

    boolean split() {
      return split;
    }

    String transmitVfo() {
      return transmitVfo;
    }

    void split(boolean on, String vfo) {
      split = on;
      transmitVfo = vfo;
    }
  }

  private final Vertx vertx;
  private final AgentConfig.FrontDoor config;
  private final Arbiter arbiter;
  private final List<Commands> commands;
  private final Clock clock;
  private final Map<DeviceKind, NetServer> servers = new EnumMap<>(DeviceKind.class);
  private final Map<DeviceKind, Set<NetSocket>> sockets = new EnumMap<>(DeviceKind.class);

  /** @param commands the commands of each device that has a port in {@code config} */
  FrontDoor(Vertx vertx, AgentConfig.FrontDoor config, Arbiter arbiter, List<Commands> commands,
            Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.arbiter = arbiter;
    this.commands = List.copyOf(commands);
    this.clock = clock;
  }

  /**
   * Listens on every configured port.
   *
   * @return a future that fails, naming the address and the device, when a port cannot be bound
   */
  Future<Void> start() {
    List<Future<NetServer>> listening = new ArrayList<>();
    for (Commands device : commands) {
      int port = device.device() == DeviceKind.ROTATOR ? config.rotatorPort() : config.radioPort();
      String name = Arbiter.name(device.device());
      NetServer server = vertx.createNetServer(new NetServerOptions().setHost(config.host())
          .setPort(port).setTcpNoDelay(true));
      server.connectHandler(socket -> accept(device, socket));
      servers.put(device.device(), server);
      sockets.put(device.device(), new HashSet<>());
      listening.add(server.listen()
          .onSuccess(bound -> LOG.info("front door listening [device: {}, host: {}, port: {},"
              + " protocol: {}]", name, config.host(), bound.actualPort(),
              device.device() == DeviceKind.ROTATOR ? "rotctld" : "rigctld"))
          .recover(failure -> Future.failedFuture(new IllegalStateException("cannot listen on "
              + config.host() + ":" + port + " for the " + name + "'s front door (frontDoor."
              + name + ".port): " + failure.getMessage(), failure))));
    }
    return Future.all(listening).mapEmpty();
  }

  /** The port a device's front door listens on, once listening. */
  Optional<Integer> port(DeviceKind device) {
    NetServer server = servers.get(device);
    return server == null || server.actualPort() <= 0 ? Optional.empty()
        : Optional.of(server.actualPort());
  }

  /** Closes the ports and every connection; never fails. */
  Future<Void> close() {
    sockets.values().forEach(open -> List.copyOf(open).forEach(NetSocket::close));
    List<Future<Void>> closed = servers.values().stream().map(NetServer::close).toList();
    return Future.join(closed).<Void>mapEmpty().otherwiseEmpty();
  }

  /** A number as Hamlib programs write it, with a decimal point or comma, or {@code null}. */
  static Double number(String text) {
    try {
      double value = Double.parseDouble(text.replace(',', '.'));
      return Double.isFinite(value) ? value : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private void accept(Commands device, NetSocket socket) {
    String name = Arbiter.name(device.device());
    Client client = new Client(address(socket.remoteAddress()));
    Set<NetSocket> open = sockets.get(device.device());
    if (open.size() >= MAX_CLIENTS) {
      LOG.warn("front door connection refused [device: {}, client: {}, reason: {} connections"
          + " open already]", name, client.address(), MAX_CLIENTS);
      socket.close();
      return;
    }
    open.add(socket);
    LOG.info("front door client connected [device: {}, client: {}]", name, client.address());
    RecordParser lines = RecordParser.newDelimited("\n", line ->
        onLine(device, client, socket, line.toString(StandardCharsets.UTF_8)));
    lines.maxRecordSize(MAX_LINE);
    lines.exceptionHandler(failure -> {
      LOG.warn("front door connection closed [device: {}, client: {}, reason: a line longer than"
          + " {} bytes]", name, client.address(), MAX_LINE);
      socket.close();
    });
    socket.handler(lines);
    socket.closeHandler(closed -> {
      open.remove(socket);
      arbiter.release(client.address(), clock.instant());
      LOG.info("front door client disconnected [device: {}, client: {}]", name,
          client.address());
    });
  }

  private void onLine(Commands device, Client client, NetSocket socket, String line) {
    Optional<HamlibCommand> parsed = HamlibCommand.parse(line, device.shortNames());
    if (parsed.isEmpty()) {
      return;
    }
    if (++client.pending > MAX_PENDING) {
      LOG.warn("front door connection closed [device: {}, client: {}, reason: more than {}"
          + " commands waiting]", Arbiter.name(device.device()), client.address(), MAX_PENDING);
      socket.close();
      return;
    }
    HamlibCommand command = parsed.get();
    LOG.debug("front door command [device: {}, client: {}, line: {}]",
        Arbiter.name(device.device()), client.address(), line.strip());
    client.queue = client.queue.transform(previous -> answer(device, client, command))
        .transform(answered -> {
          client.pending--;
          if (answered.succeeded()) {
            socket.write(answered.result());
          }
          if (command.name().equals("quit")) {
            socket.close();
          }
          return Future.succeededFuture();
        });
  }

  private Future<String> answer(Commands device, Client client, HamlibCommand command) {
    if (command.name().equals("quit")) {
      return Future.succeededFuture(HamlibReply.ok().format(command));
    }
    arbiter.touch(client.address(), clock.instant());
    Future<HamlibReply> reply;
    try {
      reply = device.handle(command, client);
    } catch (RuntimeException e) {
      LOG.warn("front door command failed [device: {}, client: {}, command: {}]",
          Arbiter.name(device.device()), client.address(), command.name(), e);
      reply = Future.failedFuture(e);
    }
    return reply
        .otherwise(failure -> {
          LOG.debug("front door command failed [device: {}, client: {}, command: {}, reason: {}]",
              Arbiter.name(device.device()), client.address(), command.name(),
              failure.getMessage());
          return HamlibReply.failure(failure);
        })
        .map(answer -> answer.format(command));
  }

  private static String address(SocketAddress remote) {
    String host = remote.hostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + remote.port();
  }
}
