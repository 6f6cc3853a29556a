package talos.core.station;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import talos.core.NodeContext;
import talos.core.auth.StationKeys;
import talos.core.bus.Addresses;
import talos.core.bus.Operations;
import talos.core.security.Tokens;
import talos.core.tenancy.Access;

/**
 * The station feature: registering ground stations, describing them and rotating their keys; every
 * creation, change and deletion is announced on {@link Addresses#STATION_CHANGED}.
 */
public final class StationVerticle extends VerticleBase {

  private final NodeContext node;

  public StationVerticle(NodeContext node) {
    this.node = node;
  }

  @Override
  public Future<?> start() {
    StationKeys keys = new StationKeys(vertx, node.pool(), new Tokens(node.config().secretKey()));
    Stations stations = new Stations(node.pool(), new Access(node.pool()), keys, vertx.eventBus());

    return new Operations(vertx.eventBus())
        .serve(Addresses.STATIONS_CREATE, stations::create)
        .serve(Addresses.STATIONS_LIST, stations::list)
        .serve(Addresses.STATIONS_GET, stations::get)
        .serve(Addresses.STATIONS_UPDATE, stations::update)
        .serve(Addresses.STATIONS_DELETE, stations::delete)
        .serve(Addresses.STATIONS_ROTATE_KEY, stations::rotateKey)
        .ready();
  }
}
