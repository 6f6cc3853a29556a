package talos.agent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.driver.DeviceKind;
import talos.driver.DriverDescriptor;
import talos.driver.DriverException;
import talos.driver.DriverOptions;
import talos.driver.DriverProvider;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * The driver plugins an agent can use: every {@link DriverProvider} on the class path and in the
 * jars of the plugins folder, found through {@link ServiceLoader}. The jars share one class loader
 * that lives as long as the registry.
 */
public final class DriverRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(DriverRegistry.class);

  /** A driver found, and where it came from. */
  public record Entry(DriverProvider provider, String source) {

    public DriverDescriptor descriptor() {
      return provider.descriptor();
    }
  }

  /** A configured device ready to be created: its driver and its checked options. */
  record DevicePlan(String name, DeviceKind kind, Entry driver, DriverOptions options) {
  }

  private final Path pluginsDir;
  private final Map<String, Entry> entries;

  private DriverRegistry(Path pluginsDir, Map<String, Entry> entries) {
    this.pluginsDir = pluginsDir;
    this.entries = Collections.unmodifiableMap(entries);
  }

  /**
   * Finds the drivers on the class path of {@code parent} and in every jar directly inside
   * {@code pluginsDir}; a missing folder means no plugin jars. A jar that cannot be read or a
   * provider that cannot be created is logged and skipped; of two drivers with the same name the
   * first found is kept.
   */
  public static DriverRegistry load(ClassLoader parent, Path pluginsDir) {
    List<URL> jars = jars(pluginsDir);
    ClassLoader loader = jars.isEmpty() ? parent
        : new URLClassLoader("talos-plugins", jars.toArray(URL[]::new), parent);
    Map<String, Entry> entries = new LinkedHashMap<>();
    ServiceLoader<DriverProvider> services = ServiceLoader.load(DriverProvider.class, loader);
    for (ServiceLoader.Provider<DriverProvider> service : services.stream().toList()) {
      try {
        DriverProvider provider = service.get();
        Entry entry = new Entry(provider, source(provider.getClass()));
        DriverDescriptor descriptor = provider.descriptor();
        Entry previous = entries.putIfAbsent(descriptor.name(), entry);
        if (previous != null) {
          LOG.warn("driver name taken, ignoring the second one [driver: {}, kept: {}, ignored: {}]",
              descriptor.name(), previous.source(), entry.source());
          continue;
        }
        LOG.info("driver found [driver: {}, version: {}, jar: {}]", descriptor.name(),
            descriptor.version(), entry.source());
      } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
        LOG.warn("driver plugin skipped [provider: {}, reason: {}]", service.type().getName(),
            e.getMessage());
      }
    }
    if (entries.isEmpty()) {
      LOG.warn("no driver found [plugins: {}]", pluginsDir.toAbsolutePath());
    }
    return new DriverRegistry(pluginsDir, entries);
  }

  /** The folder searched for plugin jars. */
  public Path pluginsDir() {
    return pluginsDir;
  }

  /** The driver of this name. */
  public Optional<DriverProvider> provider(String name) {
    return Optional.ofNullable(entries.get(name)).map(Entry::provider);
  }

  /** Every driver found, in the order found. */
  public List<Entry> drivers() {
    return List.copyOf(entries.values());
  }

  /**
   * The devices a configuration asks for, each with its driver and checked options.
   *
   * @throws AgentConfigException listing every device whose driver is missing, cannot run that kind
   *     of device, or refuses its options; a missing driver's problem lists the drivers found and
   *     the plugins folder
   */
  List<DevicePlan> plan(AgentConfig config) {
    List<String> problems = new ArrayList<>();
    List<DevicePlan> plans = new ArrayList<>();
    plan(DeviceKind.ROTATOR, config.devices().rotator(), problems, plans);
    plan(DeviceKind.RADIO, config.devices().radio(), problems, plans);
    if (!problems.isEmpty()) {
      throw new AgentConfigException(problems);
    }
    return plans;
  }

  private void plan(DeviceKind kind, AgentConfig.DeviceConfig device, List<String> problems,
                    List<DevicePlan> plans) {
    if (device == null) {
      return;
    }
    String name = kind.name().toLowerCase(Locale.ROOT);
    String field = "devices." + name + ".driver";
    Entry entry = entries.get(device.driver());
    if (entry == null) {
      problems.add(field + ": '" + device.driver() + "' is not allowed; allowed: one of the drivers"
          + " found (" + (entries.isEmpty() ? "none" : String.join(", ", entries.keySet()))
          + ") on the class path and in the plugins folder " + pluginsDir.toAbsolutePath());
      return;
    }
    if (!entry.descriptor().kinds().contains(kind)) {
      problems.add(field + ": '" + device.driver() + "' is not allowed; allowed: a driver that runs"
          + " a " + name + " (" + device.driver() + " runs no " + name + ")");
      return;
    }
    try {
      DriverOptions options = DriverOptions.of(entry.descriptor(), device.options());
      plans.add(new DevicePlan(name, kind, entry, options));
    } catch (DriverException e) {
      problems.add("devices." + name + ".options: " + e.getMessage());
    }
  }

  private static List<URL> jars(Path pluginsDir) {
    if (!Files.isDirectory(pluginsDir)) {
      LOG.info("no plugins folder, using the drivers on the class path [plugins: {}]",
          pluginsDir.toAbsolutePath());
      return List.of();
    }
    try (Stream<Path> files = Files.list(pluginsDir)) {
      List<URL> jars = new ArrayList<>();
      for (Path jar : files.filter(DriverRegistry::isJar).sorted().toList()) {
        jars.add(url(jar));
      }
      return jars;
    } catch (IOException e) {
      LOG.warn("plugins folder unreadable, using the drivers on the class path [plugins: {},"
          + " reason: {}]", pluginsDir.toAbsolutePath(), e.getMessage());
      return List.of();
    }
  }

  private static boolean isJar(Path file) {
    return Files.isRegularFile(file)
        && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar");
  }

  private static URL url(Path jar) throws MalformedURLException {
    return jar.toAbsolutePath().toUri().toURL();
  }

  private static String source(Class<?> type) {
    CodeSource code = type.getProtectionDomain().getCodeSource();
    if (code == null || code.getLocation() == null) {
      return "class path";
    }
    String location = code.getLocation().getPath();
    return location.endsWith(".jar") ? location.substring(location.lastIndexOf('/') + 1)
        : "class path";
  }
}
