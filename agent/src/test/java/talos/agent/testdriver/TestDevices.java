package talos.agent.testdriver;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The devices the test driver created, by the {@code id} option the test gave them. */
public final class TestDevices {

  private static final Map<String, TestRotator> ROTATORS = new ConcurrentHashMap<>();
  private static final Map<String, TestRadio> RADIOS = new ConcurrentHashMap<>();

  private TestDevices() {
  }

  /** The rotator created with option {@code id}, or {@code null}. */
  public static TestRotator rotator(String id) {
    return ROTATORS.get(id);
  }

  /** The radio created with option {@code id}, or {@code null}. */
  public static TestRadio radio(String id) {
    return RADIOS.get(id);
  }

  static void register(String id, TestRotator rotator) {
    ROTATORS.put(id, rotator);
  }

  static void register(String id, TestRadio radio) {
    RADIOS.put(id, radio);
  }
}
