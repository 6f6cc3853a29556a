package talos.protocol;

/**
 * The channels of a station's topic subtree {@code talos/{org}/gs/{station}/…}, with the direction
 * and quality of service each one uses.
 */
public enum Channel {

  /** Pointing setpoints, core to station, QoS 0: a late setpoint is worth nothing. */
  ROTATOR("cmd/rot", Direction.TO_STATION, 0, false),
  /** Radio setpoints, core to station, QoS 0. */
  RADIO("cmd/rig", Direction.TO_STATION, 0, false),
  /** Session commands, core to station, QoS 1; the agent acknowledges each on {@link #EVENTS}. */
  SESSION("cmd/session", Direction.TO_STATION, 1, false),
  /** Measured pointing, frequency and driver health, station to core, QoS 1. */
  TELEMETRY("telemetry", Direction.FROM_STATION, 1, false),
  /** Online or offline, station to core, retained; the agent's last will says offline. */
  STATUS("status", Direction.FROM_STATION, 1, true),
  /** Command acknowledgements and operator events, station to core, QoS 1. */
  EVENTS("events", Direction.FROM_STATION, 1, false),
  /** Received data frames, station to core, QoS 1. */
  FRAMES("frames", Direction.FROM_STATION, 1, false);

  /** Who publishes on a channel. */
  public enum Direction {
    TO_STATION, FROM_STATION
  }

  private final String suffix;
  private final Direction direction;
  private final int qos;
  private final boolean retained;

  Channel(String suffix, Direction direction, int qos, boolean retained) {
    this.suffix = suffix;
    this.direction = direction;
    this.qos = qos;
    this.retained = retained;
  }

  /** The part of the topic after the station id, such as {@code cmd/rot}. */
  public String suffix() {
    return suffix;
  }

  public Direction direction() {
    return direction;
  }

  public int qos() {
    return qos;
  }

  public boolean retained() {
    return retained;
  }

  /** The channel with this topic suffix, or {@code null}. */
  public static Channel ofSuffix(String suffix) {
    for (Channel channel : values()) {
      if (channel.suffix.equals(suffix)) {
        return channel;
      }
    }
    return null;
  }
}
