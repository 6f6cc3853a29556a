package talos.core.auth;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import talos.core.NodeContext;
import talos.core.bus.Addresses;
import talos.core.bus.Operations;
import talos.core.config.CoreConfig;
import talos.core.security.Tokens;

/**
 * The auth feature: magic-link sign-in, sessions, API tokens, and the checks other features and the
 * HTTP layer ask for (who holds a credential, whether a station key is right).
 */
public final class AuthVerticle extends VerticleBase {

  private final NodeContext node;
  private Mailer mailer;

  public AuthVerticle(NodeContext node) {
    this.node = node;
  }

  @Override
  public Future<?> start() {
    CoreConfig config = node.config();
    Tokens tokens = new Tokens(config.secretKey());
    mailer = config.mail().smtpHost().isPresent()
        ? new SmtpMailer(vertx, config.mail())
        : new OutboxMailer(vertx, config.dataDir().resolve("outbox").toAbsolutePath(), config.mail().from());
    Sessions sessions = new Sessions(node.pool(), tokens, config.adminEmail());
    // in dev mode the sign-in page may say where the links are written; in production never
    String outboxHint = config.mode() == CoreConfig.Mode.DEV && mailer instanceof OutboxMailer outbox
        ? outbox.folder().toString() : null;
    SignIn signIn = new SignIn(vertx, node.pool(), tokens, sessions, mailer, config.http().publicUrl(),
        outboxHint);
    ApiTokens apiTokens = new ApiTokens(node.pool(), tokens);
    StationKeys stationKeys = new StationKeys(vertx, node.pool(), tokens);

    Operations operations = new Operations(vertx.eventBus())
        .serve(Addresses.AUTH_LOGIN, signIn::requestLink)
        .serve(Addresses.AUTH_VERIFY, signIn::useLink)
        .serve(Addresses.AUTH_LOGOUT, sessions::signOut)
        .serve(Addresses.AUTH_SESSIONS_LIST, sessions::list)
        .serve(Addresses.AUTH_SESSIONS_REVOKE, sessions::revoke)
        .serve(Addresses.AUTH_TOKENS_CREATE, apiTokens::create)
        .serve(Addresses.AUTH_TOKENS_LIST, apiTokens::list)
        .serve(Addresses.AUTH_TOKENS_REVOKE, apiTokens::revoke)
        .answer(Addresses.AUTH_AUTHENTICATE, sessions::authenticate)
        .answer(Addresses.AUTH_STATION_VERIFY,
            request -> stationKeys.verify(request.getString("stationId"), request.getString("key")));

    return operations.ready();
  }

  @Override
  public Future<?> stop() {
    return mailer == null ? Future.succeededFuture() : mailer.close();
  }
}
