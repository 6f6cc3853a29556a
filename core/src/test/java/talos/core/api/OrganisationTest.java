package talos.core.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import talos.core.support.ApiClient.Caller;
import talos.core.support.ApiClient.Response;
import talos.core.support.ServerTest;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static talos.core.api.SignInTest.unique;

/**
 * Verifies organisations: creation with sanitised text and unique slugs, join requests, role
 * changes, the last-owner rule and the audit trail.
 */
@Timeout(120)
class OrganisationTest extends ServerTest {

  @Test
  void testTheCreatorOwnsANewOrganisationWithASlugFromItsName() {
    Caller creator = api.signIn(unique("founder"));

    JsonObject org = api.post(creator, "/api/orgs", new JsonObject().put("name", "Öresund Ground Stations"))
        .expect(201).json();

    assertThat(org.getString("slug")).isEqualTo("oresund-ground-stations");
    assertThat(org.getString("role")).isEqualTo("owner");
    assertThat(api.get(creator, "/api/me").expect(200).json().getJsonArray("memberships").encode())
        .contains("oresund-ground-stations", "owner");
  }

  @Test
  void testNamesDescriptionsAndMessagesAreStrippedOfHtml() {
    Caller creator = api.signIn(unique("markup"));

    JsonObject org = api.post(creator, "/api/orgs", new JsonObject()
            .put("name", "<b>Bold</b> <script>alert(1)</script>Sats")
            .put("slug", "bold-sats")
            .put("description", "&lt;img src=x onerror=alert(1)&gt;Tracks <a href=\"javascript:x\">cubesats</a>"))
        .expect(201).json();
    Caller joiner = api.signIn(unique("joiner"));
    JsonObject request = api.post(joiner, "/api/orgs/bold-sats/join-requests",
        new JsonObject().put("message", "<iframe src=//evil></iframe>Please <u>let me in</u>")).expect(201).json();

    assertThat(org.getString("name")).isEqualTo("Bold Sats");
    assertThat(org.getString("description")).isEqualTo("Tracks cubesats");
    assertThat(request.getString("message")).isEqualTo("Please let me in");
  }

  @Test
  void testBadNamesAndSlugsAreRefusedNamingTheField() {
    Caller creator = api.signIn(unique("sloppy"));

    Response tagsOnly = api.post(creator, "/api/orgs", new JsonObject().put("name", "<b></b>")).expect(400);
    Response badSlug = api.post(creator, "/api/orgs", new JsonObject().put("name", "Fine").put("slug", "Not OK"))
        .expect(400);
    Response extra = api.post(creator, "/api/orgs", new JsonObject().put("name", "Fine").put("owner", "me"))
        .expect(400);

    assertThat(tagsOnly.json().getString("detail")).contains("name: '<b></b>' is not allowed; allowed: 2 to 80");
    assertThat(badSlug.json().getString("detail")).contains("slug");
    assertThat(extra.json().getString("detail")).contains("owner");
  }

  @Test
  void testASlugInUseIsAConflict() {
    Caller first = api.signIn(unique("first"));
    Caller second = api.signIn(unique("second"));
    api.post(first, "/api/orgs", new JsonObject().put("name", "Taken").put("slug", "taken-slug")).expect(201);

    Response conflict = api.post(second, "/api/orgs", new JsonObject().put("name", "Other").put("slug", "taken-slug"))
        .expect(409);

    assertThat(conflict.json().getString("detail")).isEqualTo("slug 'taken-slug' is taken; choose another");
  }

  @Test
  void testJoinRequestsAreApprovedWithARoleOrRejected() {
    Caller owner = api.signIn(unique("gatekeeper"));
    String slug = api.post(owner, "/api/orgs", new JsonObject().put("name", "Club " + System.nanoTime()))
        .expect(201).json().getString("slug");
    Caller alice = api.signIn(unique("alice"));
    Caller mallory = api.signIn(unique("mallory"));

    String aliceRequest = api.post(alice, "/api/orgs/" + slug + "/join-requests",
        new JsonObject().put("message", "hi")).expect(201).json().getString("id");
    String malloryRequest = api.post(mallory, "/api/orgs/" + slug + "/join-requests", new JsonObject())
        .expect(201).json().getString("id");
    api.post(alice, "/api/orgs/" + slug + "/join-requests", new JsonObject()).expect(409);

    JsonArray pending = api.get(owner, "/api/orgs/" + slug + "/join-requests").expect(200).json()
        .getJsonArray("joinRequests");
    assertThat(pending).hasSize(2);
    // a requester cannot see or decide requests
    api.get(alice, "/api/orgs/" + slug + "/join-requests").expect(404);
    api.post(alice, "/api/orgs/" + slug + "/join-requests/" + aliceRequest + "/approve",
        new JsonObject().put("role", "owner")).expect(404);

    api.post(owner, "/api/orgs/" + slug + "/join-requests/" + aliceRequest + "/approve",
        new JsonObject().put("role", "operator")).expect(200);
    api.post(owner, "/api/orgs/" + slug + "/join-requests/" + malloryRequest + "/reject", null).expect(200);
    api.post(owner, "/api/orgs/" + slug + "/join-requests/" + malloryRequest + "/approve", new JsonObject())
        .expect(409);

    assertThat(api.get(alice, "/api/orgs/" + slug).expect(200).json().getString("role")).isEqualTo("operator");
    api.get(mallory, "/api/orgs/" + slug).expect(404);
    api.post(alice, "/api/orgs/" + slug + "/join-requests", new JsonObject()).expect(409);
    api.post(owner, "/api/orgs/no-such-org/join-requests", new JsonObject()).expect(404);
  }

  @Test
  void testTheLastOwnerCannotBeDemotedRemovedOrLeave() {
    Caller owner = api.signIn(unique("sole-owner"));
    String slug = api.post(owner, "/api/orgs", new JsonObject().put("name", "Solo " + System.nanoTime()))
        .expect(201).json().getString("slug");
    String members = "/api/orgs/" + slug + "/members/";

    Response demote = api.patch(owner, members + owner.userId(), new JsonObject().put("role", "viewer")).expect(409);
    Response leave = api.delete(owner, members + owner.userId()).expect(409);
    assertThat(demote.json().getString("detail")).contains("the last owner of '" + slug + "' cannot be demoted");
    assertThat(leave.json().getString("detail")).contains("cannot leave");

    // GIVEN a second owner, the first may step down and then leave
    Caller second = join(owner, slug, unique("second-owner"), "owner");
    api.patch(owner, members + owner.userId(), new JsonObject().put("role", "viewer")).expect(200);
    api.delete(owner, members + owner.userId()).expect(204);
    api.get(owner, "/api/orgs/" + slug).expect(404);

    // AND the remaining owner is the last one again
    api.delete(second, members + second.userId()).expect(409);
    assertThat(api.get(second, "/api/orgs/" + slug + "/members").expect(200).json().getJsonArray("members"))
        .hasSize(1);
  }

  @Test
  void testOwnersChangeRolesAndRemoveMembersAndMembersLeave() {
    Caller owner = api.signIn(unique("boss"));
    String slug = api.post(owner, "/api/orgs", new JsonObject().put("name", "Crew " + System.nanoTime()))
        .expect(201).json().getString("slug");
    Caller viewer = join(owner, slug, unique("watcher"), "viewer");
    Caller operator = join(owner, slug, unique("driver"), "operator");
    String members = "/api/orgs/" + slug + "/members/";

    api.patch(owner, members + viewer.userId(), new JsonObject().put("role", "operator")).expect(200);
    api.patch(owner, members + viewer.userId(), new JsonObject().put("role", "admin")).expect(400);
    api.patch(operator, members + viewer.userId(), new JsonObject().put("role", "owner")).expect(403);
    api.delete(operator, members + viewer.userId()).expect(403);
    api.delete(operator, members + operator.userId()).expect(204);
    api.delete(owner, members + viewer.userId()).expect(204);
    api.delete(owner, members + viewer.userId()).expect(404);

    assertThat(api.get(owner, "/api/orgs/" + slug + "/members").expect(200).json().getJsonArray("members"))
        .hasSize(1);
  }

  @Test
  void testRoleChangesApprovalsAndSignInsAreAudited() throws Exception {
    Caller owner = api.signIn(unique("audited"));
    String slug = api.post(owner, "/api/orgs", new JsonObject().put("name", "Audit " + System.nanoTime()))
        .expect(201).json().getString("slug");
    Caller member = join(owner, slug, unique("audited-member"), "viewer");
    api.patch(owner, "/api/orgs/" + slug + "/members/" + member.userId(), new JsonObject().put("role", "operator"))
        .expect(200);

    List<String> actions = new ArrayList<>();
    try (Connection db = server.database(); ResultSet rows = db.createStatement().executeQuery(
        "SELECT action FROM audit_log WHERE actor IN ('" + owner.userId() + "', '" + member.userId() + "')"
            + " ORDER BY id")) {
      while (rows.next()) {
        actions.add(rows.getString(1));
      }
    }
    assertThat(actions).containsSubsequence("auth.signed_in", "org.created", "org.join_approved",
        "org.member_role_changed");
    assertThat(actions).contains("org.join_requested");
  }

  /** Signs {@code email} in, has them ask to join, and approves them with {@code role}. */
  private Caller join(Caller owner, String slug, String email, String role) {
    Caller member = api.signIn(email);
    String request = api.post(member, "/api/orgs/" + slug + "/join-requests", new JsonObject()).expect(201)
        .json().getString("id");
    api.post(owner, "/api/orgs/" + slug + "/join-requests/" + request + "/approve",
        new JsonObject().put("role", role)).expect(200);
    return member;
  }
}
