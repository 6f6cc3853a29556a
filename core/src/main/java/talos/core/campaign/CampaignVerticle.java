package talos.core.campaign;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import talos.core.NodeContext;
import talos.core.bus.Addresses;
import talos.core.bus.Operations;
import talos.core.tenancy.Access;

/** The campaigns feature: campaigns and their targets, station assignments and reservations. */
public final class CampaignVerticle extends VerticleBase {

  private final NodeContext node;

  public CampaignVerticle(NodeContext node) {
    this.node = node;
  }

  @Override
  public Future<?> start() {
    Access access = new Access(node.pool());
    ChangeNotices notices = new ChangeNotices(vertx.eventBus());
    Campaigns campaigns = new Campaigns(node.pool(), access, notices);
    Targets targets = new Targets(node.pool(), access, notices);
    Assignments assignments = new Assignments(node.pool(), access, notices);
    Reservations reservations = new Reservations(node.pool(), access, notices);

    return new Operations(vertx.eventBus())
        .serve(Addresses.CAMPAIGNS_CREATE, campaigns::create)
        .serve(Addresses.CAMPAIGNS_LIST, campaigns::list)
        .serve(Addresses.CAMPAIGNS_GET, campaigns::get)
        .serve(Addresses.CAMPAIGNS_UPDATE, campaigns::update)
        .serve(Addresses.CAMPAIGNS_SCHEDULE, request -> campaigns.transition(request, CampaignStatus.SCHEDULED))
        .serve(Addresses.CAMPAIGNS_ACTIVATE, request -> campaigns.transition(request, CampaignStatus.ACTIVE))
        .serve(Addresses.CAMPAIGNS_COMPLETE, request -> campaigns.transition(request, CampaignStatus.COMPLETED))
        .serve(Addresses.CAMPAIGNS_CANCEL, request -> campaigns.transition(request, CampaignStatus.CANCELLED))
        .serve(Addresses.CAMPAIGN_TARGETS_SET, targets::set)
        .serve(Addresses.CAMPAIGN_TARGETS_REMOVE, targets::remove)
        .serve(Addresses.CAMPAIGN_ASSIGNMENTS_CREATE, assignments::create)
        .serve(Addresses.CAMPAIGN_ASSIGNMENTS_REMOVE, assignments::remove)
        .serve(Addresses.RESERVATIONS_LIST, reservations::list)
        .serve(Addresses.RESERVATIONS_CREATE, reservations::create)
        .serve(Addresses.RESERVATIONS_DELETE, reservations::delete)
        .ready();
  }
}
