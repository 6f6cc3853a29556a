package talos.protocol;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A topic of one station's subtree: {@code talos/{org}/gs/{station}/{channel}}, where {@code org} is
 * the organisation's slug and {@code station} the station's id.
 */
public record StationTopic(String org, String station, Channel channel) {

  /** The first level of every topic. */
  public static final String ROOT = "talos";

  private static final Pattern LEVEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  public StationTopic {
    requireLevel("org", org);
    requireLevel("station", station);
    if (channel == null) {
      throw new ProtocolException("channel", null, "a channel");
    }
  }

  /** The topic name. */
  public String name() {
    return prefix(org, station) + channel.suffix();
  }

  /** {@code talos/{org}/gs/{station}/}, with the trailing slash. */
  public static String prefix(String org, String station) {
    return ROOT + "/" + org + "/gs/" + station + "/";
  }

  /** The filter of every command channel of a station: {@code talos/{org}/gs/{station}/cmd/#}. */
  public static String commandFilter(String org, String station) {
    return prefix(org, station) + "cmd/#";
  }

  /** The filter of one organisation's station-to-core channel across all its stations. */
  public static String organisationFilter(String org, Channel channel) {
    return ROOT + "/" + org + "/gs/+/" + channel.suffix();
  }

  /** The station topic a name stands for, or empty for any other topic (wildcards included). */
  public static Optional<StationTopic> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String[] levels = name.split("/", -1);
    if (levels.length < 5 || !ROOT.equals(levels[0]) || !"gs".equals(levels[2])) {
      return Optional.empty();
    }
    Channel channel = Channel.ofSuffix(String.join("/",
        java.util.Arrays.copyOfRange(levels, 4, levels.length)));
    if (channel == null || !LEVEL.matcher(levels[1]).matches()
        || !LEVEL.matcher(levels[3]).matches()) {
      return Optional.empty();
    }
    return Optional.of(new StationTopic(levels[1], levels[3], channel));
  }

  private static void requireLevel(String field, String value) {
    if (value == null || !LEVEL.matcher(value).matches()) {
      throw new ProtocolException(field, value,
          "1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
  }
}
