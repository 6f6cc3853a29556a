package talos.core.orbit;

import org.orekit.time.DateComponents;
import org.orekit.time.OffsetModel;
import org.orekit.time.UTCTAIOffsetsLoader;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The UTC−TAI leap-second table shipped inside the jar ({@value #RESOURCE}), which is all Orekit needs
 * to propagate element sets and compute where a satellite is seen from a station.
 */
final class LeapSeconds implements UTCTAIOffsetsLoader {

  static final String RESOURCE = "orbit/leap-seconds.txt";

  @Override
  public List<OffsetModel> loadOffsets() {
    try (InputStream in = LeapSeconds.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  static List<OffsetModel> parse(BufferedReader reader) throws IOException {
    List<OffsetModel> offsets = new ArrayList<>();
    int lineNumber = 0;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      lineNumber++;
      String content = line.strip();
      if (content.isEmpty() || content.startsWith("#")) {
        continue;
      }
      String[] fields = content.split("\\s+");
      if (fields.length != 2 || !fields[0].matches("\\d{4}-\\d{2}-\\d{2}") || !fields[1].matches("\\d+")) {
        throw new IllegalStateException(RESOURCE + " line " + lineNumber + ": '" + content
            + "' is not 'yyyy-mm-dd seconds'");
      }
      String[] date = fields[0].split("-");
      offsets.add(new OffsetModel(new DateComponents(Integer.parseInt(date[0]), Integer.parseInt(date[1]),
          Integer.parseInt(date[2])), Integer.parseInt(fields[1])));
    }
    return offsets;
  }
}
