package talos.core.tenancy;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import talos.core.NodeContext;
import talos.core.bus.Addresses;
import talos.core.bus.Operations;

/** The tenancy feature: organisations, members and roles, join requests, and the caller's own view. */
public final class TenancyVerticle extends VerticleBase {

  private final NodeContext node;

  public TenancyVerticle(NodeContext node) {
    this.node = node;
  }

  @Override
  public Future<?> start() {
    Access access = new Access(node.pool());
    Organisations organisations = new Organisations(node.pool(), access);
    Members members = new Members(node.pool(), access);
    JoinRequests joinRequests = new JoinRequests(node.pool(), access);

    return new Operations(vertx.eventBus())
        .serve(Addresses.ME, organisations::me)
        .serve(Addresses.ORGS_CREATE, organisations::create)
        .serve(Addresses.ORGS_LIST, organisations::list)
        .serve(Addresses.ORGS_GET, organisations::get)
        .serve(Addresses.ORGS_UPDATE, organisations::update)
        .serve(Addresses.MEMBERS_LIST, members::list)
        .serve(Addresses.MEMBERS_UPDATE, members::update)
        .serve(Addresses.MEMBERS_REMOVE, members::remove)
        .serve(Addresses.JOIN_REQUESTS_CREATE, joinRequests::create)
        .serve(Addresses.JOIN_REQUESTS_LIST, joinRequests::list)
        .serve(Addresses.JOIN_REQUESTS_DECIDE, joinRequests::decide)
        .ready();
  }
}
