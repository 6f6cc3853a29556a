package talos.core.tenancy;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import talos.core.audit.AuditLog;
import talos.core.bus.ApiRequest;
import talos.core.bus.Principal;
import talos.core.bus.Reply;
import talos.core.bus.ServiceFailure;
import talos.core.db.SqlErrors;
import talos.core.security.Sanitizer;

import java.text.Normalizer;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** Organisations: creating them, reading them, renaming them, and the caller's own view. */
final class Organisations {

  static final int NAME_MIN = 2;
  static final int NAME_MAX = 80;
  static final int DESCRIPTION_MAX = 2000;
  static final Pattern SLUG = Pattern.compile("[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?");

  private static final String INSERT = """
      INSERT INTO organisation (slug, name, description) VALUES ($1, $2, $3) RETURNING id, created_at""";
  private static final String ADD_OWNER = "INSERT INTO membership (org_id, user_id, role) VALUES ($1, $2, 'owner')";
  private static final String MINE = """
      SELECT o.id, o.slug, o.name, o.description, o.created_at, m.role
        FROM organisation o JOIN membership m ON m.org_id = o.id AND m.user_id = $1
       ORDER BY o.name""";
  private static final String ALL = """
      SELECT o.id, o.slug, o.name, o.description, o.created_at, coalesce(m.role, 'viewer') AS role
        FROM organisation o LEFT JOIN membership m ON m.org_id = o.id AND m.user_id = $1
       ORDER BY o.name""";
  private static final String ONE = "SELECT id, slug, name, description, created_at FROM organisation WHERE id = $1";
  private static final String UPDATE = """
      UPDATE organisation SET name = coalesce($2, name), description = coalesce($3, description)
       WHERE id = $1 RETURNING id, slug, name, description, created_at""";
  private static final String USER = "SELECT id, email, created_at, last_sign_in_at FROM app_user WHERE id = $1";

  private final Pool pool;
  private final Access access;

  Organisations(Pool pool, Access access) {
    this.pool = pool;
    this.access = access;
  }

  Future<Reply> create(ApiRequest request) {
    Principal principal = request.principal();
    JsonObject body = request.body();
    String name = name(body.getString("name"));
    String description = description(body.getString("description", ""));
    boolean slugGiven = body.getString("slug") != null;
    String slug = slugGiven ? body.getString("slug") : slugOf(name);
    if (!SLUG.matcher(slug).matches()) {
      throw ServiceFailure.invalid(slugGiven ? "slug" : "name", slugGiven ? slug : name,
          slugGiven ? "1 to 40 lowercase letters, digits and inner dashes" : "a name with letters or digits");
    }
    UUID userId = principal.userUuid();

    return pool.withTransaction(connection -> connection.preparedQuery(INSERT)
            .execute(Tuple.of(slug, name, description))
            .compose(rows -> {
              Row row = rows.iterator().next();
              UUID orgId = row.getUUID("id");
              return connection.preparedQuery(ADD_OWNER).execute(Tuple.of(orgId, userId))
                  .compose(ignored -> AuditLog.record(connection, principal.userId(), "org.created", orgId,
                      new JsonObject().put("slug", slug)))
                  .map(ignored -> new JsonObject()
                      .put("id", orgId.toString())
                      .put("slug", slug)
                      .put("name", name)
                      .put("description", description)
                      .put("createdAt", row.getOffsetDateTime("created_at").toString())
                      .put("role", Role.OWNER.apiName()));
            }))
        .recover(e -> SqlErrors.isUniqueViolation(e)
            ? Future.failedFuture(ServiceFailure.conflict("slug '" + slug + "' is taken; choose another"))
            : Future.failedFuture(e))
        .map(org -> Reply.created(org, "/api/orgs/" + slug));
  }

  Future<Reply> list(ApiRequest request) {
    Principal principal = request.principal();
    return pool.preparedQuery(principal.admin() ? ALL : MINE)
        .execute(Tuple.of(principal.userUuid()))
        .map(rows -> {
          JsonArray organisations = new JsonArray();
          rows.forEach(row -> organisations.add(toJson(row).put("role", row.getString("role"))));
          return Reply.ok(new JsonObject().put("organisations", organisations));
        });
  }

  Future<Reply> get(ApiRequest request) {
    return access.require(request.principal(), request.pathParam("slug"), Role.VIEWER)
        .compose(grant -> pool.preparedQuery(ONE).execute(Tuple.of(grant.orgId()))
            .map(rows -> Reply.ok(toJson(rows.iterator().next()).put("role", grant.role().apiName()))));
  }

  Future<Reply> update(ApiRequest request) {
    JsonObject body = request.body();
    String name = body.containsKey("name") ? name(body.getString("name")) : null;
    String description = body.containsKey("description") ? description(body.getString("description")) : null;
    Principal principal = request.principal();

    return access.require(principal, request.pathParam("slug"), Role.OWNER)
        .compose(grant -> pool.withTransaction(connection -> connection.preparedQuery(UPDATE)
            .execute(Tuple.of(grant.orgId(), name, description))
            .compose(rows -> AuditLog.record(connection, principal.userId(), "org.updated", grant.orgId(),
                    new JsonObject().put("fields", new JsonArray(body.fieldNames().stream().sorted().toList())))
                .map(ignored -> Reply.ok(toJson(rows.iterator().next()).put("role", grant.role().apiName()))))));
  }

  Future<Reply> me(ApiRequest request) {
    Principal principal = request.principal();
    UUID userId = principal.userUuid();
    return pool.preparedQuery(USER).execute(Tuple.of(userId))
        .compose(users -> pool.preparedQuery(MINE).execute(Tuple.of(userId)).map(memberships -> {
          Row user = users.iterator().next();
          JsonArray list = new JsonArray();
          memberships.forEach(row -> list.add(new JsonObject()
              .put("orgId", row.getUUID("id").toString())
              .put("slug", row.getString("slug"))
              .put("name", row.getString("name"))
              .put("role", row.getString("role"))));
          return Reply.ok(new JsonObject()
              .put("id", userId.toString())
              .put("email", user.getString("email"))
              .put("admin", principal.admin())
              .put("createdAt", user.getOffsetDateTime("created_at").toString())
              .put("memberships", list));
        }));
  }

  static JsonObject toJson(Row row) {
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("slug", row.getString("slug"))
        .put("name", row.getString("name"))
        .put("description", row.getString("description"))
        .put("createdAt", row.getOffsetDateTime("created_at").toString());
  }

  /** A slug made from a name: lowercase ASCII letters and digits, dashes between words. */
  static String slugOf(String name) {
    String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (slug.length() > 40) {
      slug = slug.substring(0, 40).replaceAll("-+$", "");
    }
    return slug;
  }

  private static String name(String raw) {
    String name = Sanitizer.plainText(raw);
    if (name == null || name.length() < NAME_MIN || name.length() > NAME_MAX) {
      throw ServiceFailure.invalid("name", raw, NAME_MIN + " to " + NAME_MAX + " characters of plain text");
    }
    return name;
  }

  private static String description(String raw) {
    String description = Sanitizer.plainText(raw == null ? "" : raw);
    if (description.length() > DESCRIPTION_MAX) {
      throw ServiceFailure.invalid("description", raw.substring(0, 40) + "…",
          "at most " + DESCRIPTION_MAX + " characters of plain text");
    }
    return description;
  }
}
