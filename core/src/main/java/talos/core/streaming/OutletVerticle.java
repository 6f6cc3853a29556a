package talos.core.streaming;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** Gives one destination's sender a context of its own, for as long as the destination lives. */
final class OutletVerticle extends VerticleBase {

  private final Outlet outlet;

  OutletVerticle(Outlet outlet) {
    this.outlet = outlet;
  }

  @Override
  public Future<?> start() {
    return outlet.start(vertx, context);
  }

  @Override
  public Future<?> stop() {
    return outlet.stop();
  }
}
