package talos.core.campaign;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import talos.core.bus.Addresses;

import java.util.UUID;

/** Publishes {@link Addresses#CAMPAIGN_CHANGED} once a change is committed. */
final class ChangeNotices {

  private final EventBus eventBus;

  ChangeNotices(EventBus eventBus) {
    this.eventBus = eventBus;
  }

  /**
   * Tells every node that something of {@code orgId} changed; {@code campaignId} and
   * {@code stationId} may be {@code null}.
   */
  void publish(UUID orgId, UUID campaignId, UUID stationId) {
    JsonObject notice = new JsonObject().put("orgId", orgId.toString());
    if (campaignId != null) {
      notice.put("campaignId", campaignId.toString());
    }
    if (stationId != null) {
      notice.put("stationId", stationId.toString());
    }
    eventBus.publish(Addresses.CAMPAIGN_CHANGED, notice);
  }
}
