package talos.core.gateway;

import talos.protocol.Channel;
import talos.protocol.StationTopic;

import java.util.Optional;
import java.util.Set;

/**
 * Which topics a station or an operator may use, and how MQTT topic filters match topic names.
 *
 * <p>A station may subscribe only to its own command subtree
 * ({@code talos/{org}/gs/{id}/cmd/#} or a filter below {@code cmd/}) and publish only to its own
 * station-to-core channels. An operator may subscribe to the telemetry, status or events of one
 * organisation's stations, all of them ({@code +}) or one, and publish nothing.
 */
final class TopicRules {

  /** The channels an operator may read. */
  static final Set<Channel> OPERATOR_CHANNELS = Set.of(Channel.TELEMETRY, Channel.STATUS,
      Channel.EVENTS);

  private TopicRules() {
  }

  /**
   * An operator's subscription, parsed.
   *
   * @param station one station's id, or {@code null} for every station of the organisation
   */
  record OperatorFilter(String org, String station, Channel channel) {

    /** Whether a message of {@code channel} from station {@code id} of {@code org} matches. */
    boolean covers(String orgSlug, String id, Channel messageChannel) {
      return channel == messageChannel && org.equals(orgSlug)
          && (station == null || station.equals(id));
    }
  }

  /** Whether station {@code station} of {@code org} may subscribe to {@code filter}. */
  static boolean stationMaySubscribe(String org, String station, String filter) {
    String commands = StationTopic.prefix(org, station) + "cmd/";
    return isValidFilter(filter) && filter.startsWith(commands)
        && filter.length() > commands.length();
  }

  /**
   * The channel station {@code station} of {@code org} publishes on with {@code topic}, or empty
   * when it may not publish there: another station's topic, a command channel, or any other topic.
   */
  static Optional<Channel> stationMayPublish(String org, String station, String topic) {
    return StationTopic.parse(topic)
        .filter(parsed -> parsed.org().equals(org) && parsed.station().equals(station))
        .map(StationTopic::channel)
        .filter(channel -> channel.direction() == Channel.Direction.FROM_STATION);
  }

  /**
   * The operator subscription {@code filter} stands for: {@code talos/{org}/gs/+/{channel}} or
   * {@code talos/{org}/gs/{station}/{channel}} with a channel an operator may read; empty for
   * anything else (other wildcards, shared subscriptions, command or frame channels).
   */
  static Optional<OperatorFilter> operatorFilter(String filter) {
    if (filter == null || !isValidFilter(filter)) {
      return Optional.empty();
    }
    String[] levels = filter.split("/", -1);
    if (levels.length != 5 || !levels[2].equals("gs")) {
      return Optional.empty();
    }
    boolean allStations = levels[3].equals("+");
    String station = allStations ? "station" : levels[3];
    Optional<StationTopic> topic = StationTopic.parse(
        StationTopic.ROOT + "/" + levels[1] + "/gs/" + station + "/" + levels[4]);
    if (!StationTopic.ROOT.equals(levels[0]) || topic.isEmpty()
        || !OPERATOR_CHANNELS.contains(topic.get().channel())) {
      return Optional.empty();
    }
    return Optional.of(new OperatorFilter(topic.get().org(), allStations ? null : station,
        topic.get().channel()));
  }

  /**
   * Whether {@code filter} is a well-formed topic filter: not empty, {@code +} and {@code #} only
   * as whole levels, {@code #} only last, and not a shared subscription.
   */
  static boolean isValidFilter(String filter) {
    if (filter == null || filter.isEmpty() || filter.startsWith("$")) {
      return false;
    }
    String[] levels = filter.split("/", -1);
    for (int i = 0; i < levels.length; i++) {
      String level = levels[i];
      if (level.equals("#")) {
        if (i != levels.length - 1) {
          return false;
        }
      } else if (!level.equals("+") && (level.contains("+") || level.contains("#"))) {
        return false;
      }
    }
    return true;
  }

  /** Whether topic name {@code topic} matches the valid filter {@code filter}. */
  static boolean matches(String filter, String topic) {
    String[] filterLevels = filter.split("/", -1);
    String[] topicLevels = topic.split("/", -1);
    for (int i = 0; i < filterLevels.length; i++) {
      String level = filterLevels[i];
      if (level.equals("#")) {
        return true;
      }
      if (i >= topicLevels.length || !(level.equals("+") || level.equals(topicLevels[i]))) {
        return false;
      }
    }
    return filterLevels.length == topicLevels.length;
  }
}
