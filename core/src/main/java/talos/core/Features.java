package talos.core;

import io.vertx.core.Deployable;
import talos.core.auth.AuthVerticle;
import talos.core.campaign.CampaignVerticle;
import talos.core.catalog.CatalogVerticle;
import talos.core.demo.DemoVerticle;
import talos.core.director.DirectorVerticle;
import talos.core.config.ConfigException;
import talos.core.config.Setting;
import talos.core.gateway.GatewayVerticle;
import talos.core.http.HttpVerticle;
import talos.core.node.NodeVerticle;
import talos.core.schedule.SchedulerVerticle;
import talos.core.station.StationVerticle;
import talos.core.streaming.StreamingVerticle;
import talos.core.tenancy.TenancyVerticle;
import talos.core.tracking.TrackingVerticle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The feature verticles a node can run, by the name used in the {@code features} setting. Each
 * feature lives in its own package and talks to the others only over the event bus, so any subset
 * can run on any node of a cluster.
 */
public final class Features {

  /** How to deploy one feature. */
  public record Feature(String name, Function<NodeContext, Deployable> factory, int instances) {
  }

  private static final Map<String, Feature> CATALOGUE = catalogue(
      new Feature("node", NodeVerticle::new, 1),
      new Feature("auth", AuthVerticle::new, 1),
      new Feature("tenancy", TenancyVerticle::new, 1),
      new Feature("station", StationVerticle::new, 1),
      new Feature("catalog", CatalogVerticle::new, 1),
      new Feature("tracking", TrackingVerticle::new, 1),
      new Feature("gateway", GatewayVerticle::new, Math.max(1, Runtime.getRuntime().availableProcessors())),
      new Feature("campaigns", CampaignVerticle::new, 1),
      new Feature("scheduler", SchedulerVerticle::new, 1),
      new Feature("director", DirectorVerticle::new, Math.max(1, Runtime.getRuntime().availableProcessors())),
      new Feature("streaming", StreamingVerticle::new, 1),
      new Feature("demo", DemoVerticle::new, 1),
      new Feature("http", HttpVerticle::new, Math.max(1, Runtime.getRuntime().availableProcessors())));

  private Features() {
  }

  /**
   * The features named in the configuration, in order.
   *
   * @throws ConfigException naming each unknown feature and the known ones
   */
  public static List<Feature> resolve(List<String> names) {
    List<String> unknown = names.stream().filter(name -> !CATALOGUE.containsKey(name)).toList();
    if (!unknown.isEmpty()) {
      throw new ConfigException(Setting.FEATURES.env() + " (" + Setting.FEATURES.path() + "): '"
          + String.join(",", unknown) + "' is not a feature; allowed: " + String.join(", ", CATALOGUE.keySet()));
    }
    return names.stream().distinct().map(CATALOGUE::get).toList();
  }

  public static List<String> names() {
    return List.copyOf(CATALOGUE.keySet());
  }

  private static Map<String, Feature> catalogue(Feature... features) {
    Map<String, Feature> map = new LinkedHashMap<>();
    for (Feature feature : features) {
      map.put(feature.name(), feature);
    }
    return map;
  }
}
