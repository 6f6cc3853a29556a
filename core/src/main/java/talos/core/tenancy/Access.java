package talos.core.tenancy;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import talos.core.bus.Principal;
import talos.core.bus.ServiceFailure;

import java.util.UUID;

/**
 * The authorisation rule of every organisation-scoped operation, in one place: the caller must be a
 * member of <em>that</em> organisation with at least the required role. An organisation the caller
 * does not belong to answers exactly as one that does not exist (404), so existence does not leak;
 * a member without the role gets 403. The platform administrator reads every organisation as a
 * viewer.
 */
public final class Access {

  private static final String MEMBERSHIP = """
      SELECT o.id, o.slug, m.role
        FROM organisation o
        LEFT JOIN membership m ON m.org_id = o.id AND m.user_id = $2
       WHERE o.slug = $1""";
  private static final String MEMBERSHIP_BY_ID = """
      SELECT o.id, o.slug, m.role
        FROM organisation o
        LEFT JOIN membership m ON m.org_id = o.id AND m.user_id = $2
       WHERE o.id = $1""";

  /** The caller's standing in one organisation. */
  public record Grant(UUID orgId, String slug, Role role) {
  }

  private final Pool pool;

  public Access(Pool pool) {
    this.pool = pool;
  }

  /**
   * Checks that {@code principal} holds {@code required} in the organisation {@code slug}.
   *
   * @return a future that succeeds with the grant, or fails with 404 (no such organisation, or not a
   *     member) or 403 (a member without the role)
   */
  public Future<Grant> require(Principal principal, String slug, Role required) {
    return pool.preparedQuery(MEMBERSHIP)
        .execute(Tuple.of(slug, principal.userUuid()))
        .map(rows -> grant(rows, principal, slug, required));
  }

  /**
   * Checks that {@code principal} holds {@code required} in the organisation with the id
   * {@code orgId}; fails as {@link #require(Principal, String, Role)} does.
   */
  public Future<Grant> require(Principal principal, UUID orgId, Role required) {
    return pool.preparedQuery(MEMBERSHIP_BY_ID)
        .execute(Tuple.of(orgId, principal.userUuid()))
        .map(rows -> grant(rows, principal, orgId.toString(), required));
  }

  private static Grant grant(RowSet<Row> rows, Principal principal, String asked, Role required) {
    Row row = rows.iterator().hasNext() ? rows.iterator().next() : null;
    Role role = row == null ? null : role(row.getString("role"), principal);
    if (role == null) {
      throw notFound(asked);
    }
    if (!role.atLeast(required)) {
      throw ServiceFailure.forbidden("this needs the " + required.apiName() + " role in organisation '"
          + row.getString("slug") + "'; you are " + role.apiName());
    }
    return new Grant(row.getUUID("id"), row.getString("slug"), role);
  }

  public static ServiceFailure notFound(String slug) {
    return ServiceFailure.notFound("organisation", slug);
  }

  private static Role role(String memberRole, Principal principal) {
    if (memberRole != null) {
      return Role.valueOf(memberRole.toUpperCase(java.util.Locale.ROOT));
    }
    return principal.admin() ? Role.VIEWER : null;
  }
}
